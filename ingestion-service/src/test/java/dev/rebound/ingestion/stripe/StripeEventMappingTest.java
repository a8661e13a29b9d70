package dev.rebound.ingestion.stripe;

import dev.rebound.contracts.EventValidator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static dev.rebound.ingestion.stripe.StripeFixtures.event;
import static dev.rebound.ingestion.stripe.StripeFixtures.object;
import static org.assertj.core.api.Assertions.assertThat;

/** Stripe's own example objects, wrapped in events, map onto valid catalog events. */
class StripeEventMappingTest {

    private static final long CREATED = 1_763_805_600L;
    private final StripeEventMapping mapping = new StripeEventMapping();
    private final EventValidator validator = new EventValidator(
            Clock.fixed(Instant.ofEpochSecond(CREATED), ZoneOffset.UTC), Duration.ofMinutes(5));

    @Test
    void failedInvoiceBecomesPaymentFailedWithTheDeclineFromThePaymentIntent() {
        ObjectNode invoice = object("invoice");
        invoice.put("attempt_count", 2);
        ObjectNode intent = object("payment_intent");
        intent.put("payment_method", "pm_card_visa");
        intent.putObject("last_payment_error").put("type", "card_error").put("code", "card_declined")
                .put("decline_code", "insufficient_funds").put("network_advice_code", "01")
                .put("network_decline_code", "51").put("advice_code", "try_again_later");
        ((ObjectNode) intent.get("last_payment_error")).putObject("payment_method").put("id", "pm_card_visa")
                .putObject("card").put("brand", "visa");
        invoice.set("payment_intent", intent);

        ObjectNode mapped = only(mapping.toCloudEvents(event("evt_1", "invoice.payment_failed", CREATED, invoice)));
        assertThat(mapped.path("type").asString()).isEqualTo("payment.failed");
        assertThat(mapped.path("id").asString()).isEqualTo("evt_1");
        assertThat(mapped.path("subject").asString()).isEqualTo("cus_QXg1o8vcGmoR32");
        assertThat(mapped.path("data").path("invoiceId").asString()).isEqualTo("in_1Pgc6tB7WZ01zgkWu9fdqL6I");
        assertThat(mapped.path("data").path("amount").asLong()).isEqualTo(1000);
        assertThat(mapped.path("data").path("currency").asString()).isEqualTo("USD");
        assertThat(mapped.path("data").path("declineCode").asString()).isEqualTo("insufficient_funds");
        assertThat(mapped.path("data").path("networkAdviceCode").asString()).isEqualTo("01");
        assertThat(mapped.path("data").path("networkDeclineCode").asString()).isEqualTo("51");
        assertThat(mapped.path("data").path("adviceCode").asString()).isEqualTo("try_again_later");
        assertThat(mapped.path("data").path("cardBrand").asString()).isEqualTo("visa");
        assertThat(mapped.path("data").path("paymentMethodId").asString()).isEqualTo("pm_card_visa");
        assertThat(mapped.path("data").path("attempt").asInt()).isEqualTo(2);
        assertThat(validator.validate(mapped, true)).isEmpty();
    }

    @Test
    void failedInvoiceFallsBackToTheChargesOutcome() {
        ObjectNode invoice = object("invoice");
        ObjectNode charge = object("charge");
        charge.put("failure_code", "card_declined");
        ((ObjectNode) charge.get("outcome")).put("reason", "expired_card").put("network_decline_code", "54")
                .put("network_advice_code", "03").put("advice_code", "do_not_try_again");
        invoice.set("charge", charge);
        ObjectNode mapped = only(mapping.toCloudEvents(event("evt_2", "invoice.payment_failed", CREATED, invoice)));
        assertThat(mapped.path("data").path("declineCode").asString()).isEqualTo("expired_card");
        // Stripe's own charge fixture: payment_method_details.card.brand
        assertThat(mapped.path("data").path("cardBrand").asString()).isEqualTo("visa");
        assertThat(mapped.path("data").path("networkDeclineCode").asString()).isEqualTo("54");
        assertThat(mapped.path("data").path("networkAdviceCode").asString()).isEqualTo("03");
        assertThat(mapped.path("data").path("adviceCode").asString()).isEqualTo("do_not_try_again");
        assertThat(validator.validate(mapped, true)).isEmpty();
        assertThat(mapped.path("data").path("paymentMethodId").asString()).isEqualTo("card_1PgaftB7WZ01zgkWm3waTcFp");
    }

    @Test
    void paidInvoiceBecomesPaymentSucceeded() {
        ObjectNode invoice = object("invoice");
        invoice.put("amount_paid", 1000);
        ObjectNode mapped = only(mapping.toCloudEvents(event("evt_3", "invoice.paid", CREATED, invoice)));
        assertThat(mapped.path("type").asString()).isEqualTo("payment.succeeded");
        assertThat(mapped.path("data").path("amount").asLong()).isEqualTo(1000);
        assertThat(validator.validate(mapped, true)).isEmpty();
    }

    @Test
    void deletedSubscriptionBecomesACancellationWithTheCustomersReason() {
        ObjectNode subscription = object("subscription");
        ((ObjectNode) subscription.get("cancellation_details")).put("feedback", "too_expensive")
                .put("comment", "Budget cut").put("reason", "cancellation_requested");
        ObjectNode mapped = only(mapping.toCloudEvents(event("evt_4", "customer.subscription.deleted", CREATED, subscription)));
        assertThat(mapped.path("type").asString()).isEqualTo("subscription.cancelled");
        assertThat(mapped.path("data").path("reason").asString()).isEqualTo("price");
        assertThat(mapped.path("data").path("comment").asString()).isEqualTo("Budget cut");
        assertThat(mapped.path("data").path("voluntary").asBoolean()).isTrue();
        assertThat(validator.validate(mapped, true)).isEmpty();
    }

    @Test
    void subscriptionCancelledByFailedPaymentsIsInvoluntary() {
        ObjectNode subscription = object("subscription");
        ((ObjectNode) subscription.get("cancellation_details")).put("reason", "payment_failed");
        ObjectNode mapped = only(mapping.toCloudEvents(event("evt_5", "customer.subscription.deleted", CREATED, subscription)));
        assertThat(mapped.path("data").path("voluntary").asBoolean()).isFalse();
        assertThat(mapped.path("data").path("reason").asString()).isEqualTo("other");
    }

    @Test
    void createdSubscriptionBecomesStartedWithItsMonthlyRevenue() {
        ObjectNode subscription = object("subscription");
        ObjectNode mapped = only(mapping.toCloudEvents(event("evt_6", "customer.subscription.created", CREATED, subscription)));
        assertThat(mapped.path("type").asString()).isEqualTo("subscription.started");
        assertThat(mapped.path("data").path("plan").asString()).isEqualTo("price_1PgafmB7WZ01zgkW6dKueIc5");
        assertThat(validator.validate(mapped, true)).isEmpty();
    }

    @Test
    void seatChangeBecomesSubscriptionChanged() {
        ObjectNode subscription = object("subscription");
        ObjectNode item = (ObjectNode) subscription.get("items").get("data").get(0);
        item.put("quantity", 2);
        ((ObjectNode) item.get("price")).put("unit_amount", 2000);
        ObjectNode event = event("evt_7", "customer.subscription.updated", CREATED, subscription);
        ObjectNode previousItem = item.deepCopy();
        previousItem.put("quantity", 5);
        ((ObjectNode) event.get("data")).putObject("previous_attributes").putObject("items").putArray("data").add(previousItem);

        ObjectNode mapped = only(mapping.toCloudEvents(event));
        assertThat(mapped.path("type").asString()).isEqualTo("subscription.changed");
        assertThat(mapped.path("data").path("seatsBefore").asInt()).isEqualTo(5);
        assertThat(mapped.path("data").path("seatsAfter").asInt()).isEqualTo(2);
        assertThat(mapped.path("data").path("mrrBefore").asLong()).isEqualTo(10_000);
        assertThat(mapped.path("data").path("mrrAfter").asLong()).isEqualTo(4_000);
        assertThat(validator.validate(mapped, true)).isEmpty();
    }

    @Test
    void annualPricesAreSpreadOverTwelveMonths() {
        ObjectNode item = (ObjectNode) object("subscription").get("items").get("data").get(0).deepCopy();
        ObjectNode price = (ObjectNode) item.get("price");
        price.put("unit_amount", 120_000);
        ((ObjectNode) price.get("recurring")).put("interval", "year");
        assertThat(StripeEventMapping.mrr(item, 1)).isEqualTo(10_000);
    }

    @Test
    void trialWillEndCarriesTheTrialEnd() {
        ObjectNode mapped = only(mapping.toCloudEvents(event("evt_8", "customer.subscription.trial_will_end", CREATED,
                object("subscription"))));
        assertThat(mapped.path("type").asString()).isEqualTo("subscription.trial_started");
        assertThat(mapped.path("data").path("trialEndsAt").asString()).isEqualTo("2009-02-13T23:31:30Z");
    }

    @Test
    void cardUpdatesAndExpiringSourcesMapToPaymentMethodEvents() {
        ObjectNode paymentMethod = object("payment_method");
        paymentMethod.put("customer", "cus_QXg1o8vcGmoR32");
        ObjectNode updated = only(mapping.toCloudEvents(event("evt_9", "payment_method.updated", CREATED, paymentMethod)));
        assertThat(updated.path("type").asString()).isEqualTo("payment_method.updated");
        assertThat(updated.path("data").path("expYear").asInt()).isEqualTo(2030);
        assertThat(validator.validate(updated, true)).isEmpty();

        ObjectNode card = object("card");
        card.put("customer", "cus_QXg1o8vcGmoR32");
        ObjectNode expiring = only(mapping.toCloudEvents(event("evt_10", "customer.source.expiring", CREATED, card)));
        assertThat(expiring.path("type").asString()).isEqualTo("payment_method.expiring");
        assertThat(expiring.path("data").path("paymentMethodId").asString()).isEqualTo("card_1PgaftB7WZ01zgkWm3waTcFp");
        assertThat(validator.validate(expiring, true)).isEmpty();
    }

    @Test
    void unknownTypesMapToNothing() {
        assertThat(mapping.toCloudEvents(event("evt_11", "charge.dispute.created", CREATED, object("charge")))).isEmpty();
    }

    private static ObjectNode only(List<ObjectNode> events) {
        assertThat(events).hasSize(1);
        return events.getFirst();
    }
}

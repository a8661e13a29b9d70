package dev.rebound.ingestion.stripe;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps Stripe webhook events onto Rebound's catalog. The CloudEvent keeps Stripe's event id (so Stripe's
 * redeliveries dedup) under source {@code /stripe/<account>}, its creation time and the Stripe customer id as
 * subject. Amounts stay in Stripe's units, which are already minor units (whole units for KRW and JPY).
 * Types with no catalog meaning map to nothing and are acknowledged.
 */
public final class StripeEventMapping {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Stripe's cancellation feedback → Rebound's cancel reasons. */
    private static final Map<String, String> CANCEL_REASONS = Map.of(
            "too_expensive", "price", "missing_features", "product", "too_complex", "product",
            "switched_service", "competition", "unused", "unused", "customer_service", "support",
            "low_quality", "technical", "other", "other");

    public List<ObjectNode> toCloudEvents(JsonNode stripeEvent) {
        String type = stripeEvent.path("type").asString("");
        JsonNode object = stripeEvent.path("data").path("object");
        JsonNode previous = stripeEvent.path("data").path("previous_attributes");
        Optional<Mapped> mapped = switch (type) {
            case "invoice.payment_failed" -> Optional.of(paymentFailed(object));
            case "invoice.paid", "invoice.payment_succeeded" -> Optional.of(paid(object));
            case "customer.subscription.created" -> Optional.of(subscriptionCreated(object));
            case "customer.subscription.updated" -> subscriptionUpdated(object, previous);
            case "customer.subscription.deleted" -> Optional.of(subscriptionDeleted(object));
            case "customer.subscription.trial_will_end" -> Optional.of(trial(object));
            case "payment_method.updated", "payment_method.automatically_updated" ->
                    Optional.of(card("payment_method.updated", object.path("id").asString(null), object.path("card")));
            case "customer.source.expiring" ->
                    Optional.of(card("payment_method.expiring", object.path("id").asString(null), object));
            default -> Optional.empty();
        };
        return mapped.map(m -> List.of(envelope(stripeEvent, customerOf(object), m))).orElse(List.of());
    }

    private record Mapped(String type, ObjectNode data) {}

    private static Mapped paymentFailed(JsonNode invoice) {
        ObjectNode data = JSON.objectNode();
        data.put("invoiceId", invoice.path("id").asString(null));
        data.put("amount", invoice.path("amount_due").asLong());
        data.put("currency", currency(invoice));
        JsonNode intent = invoice.path("payment_intent");
        JsonNode error = intent.path("last_payment_error");
        JsonNode charge = invoice.path("charge");
        firstText(error.path("decline_code"), error.path("code"), charge.path("outcome").path("reason"),
                charge.path("failure_code")).ifPresent(code -> data.put("declineCode", code));
        JsonNode outcome = charge.path("outcome");
        firstText(error.path("network_advice_code"), outcome.path("network_advice_code"))
                .ifPresent(advice -> data.put("networkAdviceCode", advice));
        firstText(error.path("network_decline_code"), outcome.path("network_decline_code"))
                .ifPresent(code -> data.put("networkDeclineCode", code));
        firstText(error.path("advice_code"), outcome.path("advice_code"))
                .ifPresent(advice -> data.put("adviceCode", advice));
        firstText(charge.path("payment_method_details").path("card").path("brand"),
                error.path("payment_method").path("card").path("brand"))
                .ifPresent(brand -> data.put("cardBrand", brand));
        firstText(intent.path("payment_method"), intent.path("payment_method").path("id"),
                error.path("payment_method").path("id"), invoice.path("default_payment_method"),
                charge.path("payment_method")).ifPresent(pm -> data.put("paymentMethodId", pm));
        data.put("attempt", Math.max(1, invoice.path("attempt_count").asInt(1)));
        return new Mapped("payment.failed", data);
    }

    private static Mapped paid(JsonNode invoice) {
        ObjectNode data = JSON.objectNode();
        data.put("invoiceId", invoice.path("id").asString(null));
        data.put("amount", invoice.path("amount_paid").asLong());
        data.put("currency", currency(invoice));
        return new Mapped("payment.succeeded", data);
    }

    private static Mapped subscriptionCreated(JsonNode subscription) {
        if ("trialing".equals(subscription.path("status").asString(""))) {
            return trial(subscription);
        }
        ObjectNode data = JSON.objectNode();
        data.put("plan", plan(subscription));
        data.put("mrr", mrr(subscription.path("items").path("data").path(0), quantity(subscription)));
        data.put("currency", currency(subscription));
        return new Mapped("subscription.started", data);
    }

    /** A plan, price or seat change is a subscription.changed; trial → active is a subscription.started. */
    private static Optional<Mapped> subscriptionUpdated(JsonNode subscription, JsonNode previous) {
        if ("trialing".equals(previous.path("status").asString("")) && "active".equals(subscription.path("status").asString(""))) {
            return Optional.of(subscriptionCreated(subscription));
        }
        JsonNode item = subscription.path("items").path("data").path(0);
        JsonNode previousItem = previous.path("items").path("data").path(0);
        int seatsAfter = quantity(subscription);
        int seatsBefore = previous.has("quantity") ? previous.path("quantity").asInt(seatsAfter)
                : previousItem.isMissingNode() ? seatsAfter : Math.max(1, previousItem.path("quantity").asInt(seatsAfter));
        JsonNode itemBefore = previousItem.isMissingNode() ? item : previousItem;
        String planBefore = previousItem.isMissingNode() && !previous.has("plan") ? plan(subscription)
                : planOf(itemBefore.path("price").isMissingNode() ? previous.path("plan") : itemBefore.path("price"));
        long mrrAfter = mrr(item, seatsAfter);
        long mrrBefore = mrr(itemBefore, seatsBefore);
        if (planBefore.equals(plan(subscription)) && mrrBefore == mrrAfter && seatsBefore == seatsAfter) {
            return Optional.empty();
        }
        ObjectNode data = JSON.objectNode();
        data.put("fromPlan", planBefore);
        data.put("toPlan", plan(subscription));
        data.put("mrrBefore", mrrBefore);
        data.put("mrrAfter", mrrAfter);
        data.put("currency", currency(subscription));
        data.put("seatsBefore", seatsBefore);
        data.put("seatsAfter", seatsAfter);
        return Optional.of(new Mapped("subscription.changed", data));
    }

    private static Mapped subscriptionDeleted(JsonNode subscription) {
        JsonNode details = subscription.path("cancellation_details");
        ObjectNode data = JSON.objectNode();
        data.put("reason", CANCEL_REASONS.getOrDefault(details.path("feedback").asString(""), "other"));
        firstText(details.path("comment")).ifPresent(comment -> data.put("comment", comment));
        // Stripe cancels on its own for failed payments: that churn is involuntary
        data.put("voluntary", !"payment_failed".equals(details.path("reason").asString("")));
        long endedAt = subscription.path("ended_at").asLong(0);
        if (endedAt > 0) {
            data.put("effectiveAt", Instant.ofEpochSecond(endedAt).toString());
        }
        return new Mapped("subscription.cancelled", data);
    }

    /** trial_will_end carries the trial's end: it refreshes trialEndsAt (the catalog has no separate type). */
    private static Mapped trial(JsonNode subscription) {
        ObjectNode data = JSON.objectNode();
        data.put("plan", plan(subscription));
        data.put("trialEndsAt", Instant.ofEpochSecond(subscription.path("trial_end").asLong(0)).toString());
        return new Mapped("subscription.trial_started", data);
    }

    private static Mapped card(String type, String paymentMethodId, JsonNode card) {
        ObjectNode data = JSON.objectNode();
        data.put("paymentMethodId", paymentMethodId);
        if (card.path("exp_month").canConvertToInt()) {
            data.put("expMonth", card.path("exp_month").asInt());
        }
        if (card.path("exp_year").canConvertToInt()) {
            data.put("expYear", card.path("exp_year").asInt());
        }
        return new Mapped(type, data);
    }

    private static ObjectNode envelope(JsonNode stripeEvent, String customer, Mapped mapped) {
        ObjectNode event = JSON.objectNode();
        event.put("specversion", "1.0");
        event.put("id", stripeEvent.path("id").asString(null));
        event.put("source", "/stripe/" + stripeEvent.path("account").asString("platform"));
        event.put("type", mapped.type());
        event.put("time", Instant.ofEpochSecond(stripeEvent.path("created").asLong(0)).toString());
        event.put("subject", customer);
        event.put("datacontenttype", "application/json");
        event.set("data", mapped.data());
        return event;
    }

    private static String customerOf(JsonNode object) {
        JsonNode customer = object.path("customer");
        return customer.isObject() ? customer.path("id").asString(null) : customer.asString(null);
    }

    private static String currency(JsonNode object) {
        String currency = object.path("currency").asString(null);
        return currency == null ? null : currency.toUpperCase(Locale.ROOT);
    }

    private static String plan(JsonNode subscription) {
        JsonNode price = subscription.path("items").path("data").path(0).path("price");
        return planOf(price.isMissingNode() ? subscription.path("plan") : price);
    }

    private static String planOf(JsonNode price) {
        return firstText(price.path("lookup_key"), price.path("nickname"), price.path("id")).orElse("unknown");
    }

    private static int quantity(JsonNode subscription) {
        JsonNode item = subscription.path("items").path("data").path(0);
        return Math.max(1, item.path("quantity").asInt(subscription.path("quantity").asInt(1)));
    }

    /** Monthly recurring revenue of one subscription item, in minor units. */
    static long mrr(JsonNode item, int quantity) {
        JsonNode price = item.path("price").isMissingNode() ? item.path("plan") : item.path("price");
        long unit = price.path("unit_amount").asLong(price.path("amount").asLong(0));
        JsonNode recurring = price.path("recurring");
        String interval = recurring.path("interval").asString(price.path("interval").asString("month"));
        int count = Math.max(1, recurring.path("interval_count").asInt(price.path("interval_count").asInt(1)));
        double perMonth = switch (interval) {
            case "year" -> 1.0 / 12;
            case "week" -> 52.0 / 12;
            case "day" -> 365.0 / 12;
            default -> 1.0;
        };
        return Math.round(unit * quantity * perMonth / count);
    }

    private static Optional<String> firstText(JsonNode... candidates) {
        for (JsonNode node : candidates) {
            if (node != null && node.isString() && !node.asString().isBlank()) {
                return Optional.of(node.asString());
            }
        }
        return Optional.empty();
    }
}

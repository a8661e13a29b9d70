package dev.rebound.ingestion.stripe;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.Topics;
import dev.rebound.ingestion.IngestionTestContext;
import dev.rebound.testsupport.TopicReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StripeWebhookIntegrationTest extends IngestionTestContext {

    @Test
    void signedFailedInvoiceIsPublishedToTheBillingTopicOnce() throws Exception {
        String eventId = "evt_" + UUID.randomUUID();
        byte[] payload = failedInvoice(eventId);
        try (TopicReader billing = new TopicReader(Topics.BILLING)) {
            HttpResponse<String> first = webhook(payload, signature(payload, Instant.now(), STRIPE_SECRET));
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).contains("\"accepted\":1");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(billing.events())
                    .filteredOn(e -> eventId.equals(e.id())).singleElement().satisfies(e -> {
                        assertThat(e.type()).isEqualTo("payment.failed");
                        assertThat(e.tenantid()).isEqualTo("acme");
                        assertThat(e.source()).isEqualTo("/stripe/platform");
                    }));
        }
    }

    @Test
    void badStaleFutureOrMissingSignaturesGet400AndPublishNothing() throws Exception {
        String eventId = "evt_" + UUID.randomUUID();
        byte[] payload = failedInvoice(eventId);
        try (TopicReader billing = new TopicReader(Topics.BILLING)) {
            assertThat(webhook(payload, signature(payload, Instant.now(), "whsec_wrong")).statusCode()).isEqualTo(400);
            assertThat(webhook(payload, signature(payload, Instant.now().minusSeconds(600), STRIPE_SECRET)).body())
                    .contains("tolerance");
            assertThat(webhook(payload, signature(payload, Instant.now().plusSeconds(600), STRIPE_SECRET)).statusCode())
                    .isEqualTo(400);
            assertThat(webhook(payload, null).body()).contains("missing Stripe-Signature header");
            assertThat(webhook(payload, "t=notanumber,v1=zz").statusCode()).isEqualTo(400);
            assertThat(billing.events()).extracting(CloudEvent::id).doesNotContain(eventId);
        }
    }

    @Test
    void unknownTypesAreAcknowledgedAndIgnored() throws Exception {
        ObjectNode event = StripeFixtures.event("evt_" + UUID.randomUUID(), "charge.dispute.created",
                Instant.now().getEpochSecond(), StripeFixtures.object("charge"));
        byte[] payload = EventJson.mapper().writeValueAsBytes(event);
        HttpResponse<String> response = webhook(payload, signature(payload, Instant.now(), STRIPE_SECRET));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"ignored\":true");
    }

    @Test
    void aTenantWithoutAnEndpointSecretAnswersExactlyLikeAWrongSignature() throws Exception {
        byte[] payload = failedInvoice("evt_x");
        String wrongSecret = signature(payload, Instant.now(), "whsec_not_the_secret");
        HttpResponse<String> existing = post("/v1/webhooks/stripe/acme", "application/json", payload,
                "Stripe-Signature", wrongSecret);
        HttpResponse<String> unknown = post("/v1/webhooks/stripe/nobody", "application/json", payload,
                "Stripe-Signature", wrongSecret);
        HttpResponse<String> unknownSignedWithAnotherTenantsSecret = post("/v1/webhooks/stripe/nobody",
                "application/json", payload, "Stripe-Signature", signature(payload, Instant.now(), STRIPE_SECRET));
        assertThat(existing.statusCode()).isEqualTo(400);
        for (HttpResponse<String> response : java.util.List.of(unknown, unknownSignedWithAnotherTenantsSecret)) {
            assertThat(response.statusCode()).isEqualTo(existing.statusCode());
            assertThat(response.body()).isEqualTo(existing.body());
        }
    }

    private HttpResponse<String> webhook(byte[] payload, String signature) throws Exception {
        return signature == null ? post("/v1/webhooks/stripe/acme", "application/json", payload)
                : post("/v1/webhooks/stripe/acme", "application/json", payload, "Stripe-Signature", signature);
    }

    private static byte[] failedInvoice(String eventId) {
        ObjectNode invoice = StripeFixtures.object("invoice");
        invoice.put("attempt_count", 1);
        invoice.put("id", "in_" + UUID.randomUUID().toString().substring(0, 8));
        return EventJson.mapper().writeValueAsBytes(StripeFixtures.event(eventId, "invoice.payment_failed",
                Instant.now().getEpochSecond(), invoice));
    }

    /** As Stripe documents it: t=<unix time>,v1=hex(HMAC-SHA256(secret, t + "." + payload)). */
    private static String signature(byte[] payload, Instant at, String secret) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + StripeSignatureVerifier.sign(t, payload, secret);
    }
}

package dev.rebound.ingestion.infra.http;

import dev.rebound.ingestion.infra.config.StripeProperties;
import dev.rebound.ingestion.stripe.SignatureRejectedException;
import dev.rebound.ingestion.stripe.StripeEventMapping;
import dev.rebound.ingestion.stripe.StripeSignatureVerifier;

import dev.rebound.contracts.EventJson;
import dev.rebound.ingestion.infra.config.IngestionProperties;
import dev.rebound.ingestion.intake.EventIntake;
import dev.rebound.ingestion.intake.IntakeResult;
import dev.rebound.tenantauth.TenantAuthProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/webhooks/stripe[/{tenant}]}: Stripe's own webhook format. The signature is checked with the
 * tenant's endpoint secret before anything is read; mapped events go through the same validation and
 * publishing as {@code /v1/events}. Unknown event types are acknowledged and ignored.
 */
@RestController
class StripeWebhookController {

    private final StripeProperties stripe;
    private final StripeSignatureVerifier verifier;
    private final StripeEventMapping mapping = new StripeEventMapping();
    private final EventIntake intake;
    private final IngestionProperties limits;
    private final Clock clock;
    private final TenantAuthProperties security;
    /** Unknown tenants are checked against a random secret: the answer never tells which tenants exist. */
    private final String unknownTenantSecret = "whsec_" + java.util.UUID.randomUUID();

    StripeWebhookController(StripeProperties stripe, EventIntake intake, IngestionProperties limits, Clock clock,
                            TenantAuthProperties security) {
        this.security = security;
        this.stripe = stripe;
        this.verifier = new StripeSignatureVerifier(stripe.tolerance());
        this.intake = intake;
        this.limits = limits;
        this.clock = clock;
    }

    @PostMapping("/v1/webhooks/stripe")
    ResponseEntity<?> defaultTenant(HttpServletRequest request) throws IOException {
        return receive(stripe.defaultTenant(), request);
    }

    @PostMapping("/v1/webhooks/stripe/{tenant}")
    ResponseEntity<?> forTenant(@PathVariable String tenant, HttpServletRequest request) throws IOException {
        return receive(tenant, request);
    }

    private ResponseEntity<?> receive(String tenant, HttpServletRequest request) throws IOException {
        String configured = tenant == null || tenant.isBlank() ? null : stripe.secretOf(tenant, security.devTenant());
        String secret = configured != null ? configured : unknownTenantSecret;
        byte[] payload;
        try (InputStream in = request.getInputStream()) {
            payload = in.readNBytes((int) limits.maxBodySize().toBytes() + 1);
        }
        if (payload.length > limits.maxBodySize().toBytes()) {
            return error(413, "too_large", "the body is larger than " + limits.maxBodySize().toBytes() + " bytes");
        }
        try {
            verifier.verify(request.getHeader("Stripe-Signature"), payload, secret, clock.instant());
        } catch (SignatureRejectedException e) {
            return error(400, "bad_signature", e.getMessage());
        }
        JsonNode event;
        try {
            event = EventJson.readTree(payload);
        } catch (JacksonException e) {
            return error(400, "malformed_json", e.getOriginalMessage());
        }
        List<JsonNode> events = List.copyOf(mapping.toCloudEvents(event));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("received", true);
        body.put("type", event.path("type").asString(""));
        if (events.isEmpty()) {
            body.put("ignored", true);
            return ResponseEntity.ok(body);
        }
        IntakeResult result = intake.accept(tenant, events);
        body.put("accepted", result.accepted());
        body.put("rejected", result.rejected());
        return ResponseEntity.status(result.nothingAccepted() ? 400 : 200).body(body);
    }

    private static ResponseEntity<?> error(int status, String code, String message) {
        return ResponseEntity.status(status).body(Map.of("error", code, "message", message));
    }
}

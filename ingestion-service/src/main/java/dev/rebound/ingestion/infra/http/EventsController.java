package dev.rebound.ingestion.infra.http;

import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.TenantId;
import dev.rebound.ingestion.infra.config.IngestionProperties;
import dev.rebound.ingestion.intake.EventIntake;
import dev.rebound.ingestion.intake.IntakeResult;
import dev.rebound.ingestion.infra.ratelimit.TenantRateLimits;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/events}: one CloudEvent or a batch, in structured mode (JSON body) or binary mode
 * ({@code ce-*} headers, data as the body), as the CloudEvents HTTP binding defines them.
 */
@RestController
class EventsController {

    private final EventIntake intake;
    private final IngestionProperties limits;
    private final TenantRateLimits rateLimits;
    private final IngestionMetrics metrics;

    EventsController(EventIntake intake, IngestionProperties limits, TenantRateLimits rateLimits,
                     IngestionMetrics metrics) {
        this.intake = intake;
        this.limits = limits;
        this.rateLimits = rateLimits;
        this.metrics = metrics;
    }

    @PostMapping("/v1/events")
    ResponseEntity<?> post(TenantId tenantId, HttpServletRequest request) throws IOException {
        EventsRequest.Kind kind = EventsRequest.kindOf(request);
        byte[] body = EventsRequest.readBody(request, limits.maxBodySize().toBytes());
        JsonNode json = parse(body);
        List<JsonNode> events = switch (kind) {
            case BINARY -> List.of(EventsRequest.fromBinaryMode(request, json));
            case SINGLE -> single(json);
            case BATCH -> batch(json);
            case SINGLE_OR_BATCH -> json.isArray() ? batch(json) : single(json);
        };
        String tenant = tenantId.value();
        if (!rateLimits.tryAcquire(tenant, events.size())) {
            metrics.rateLimited();
            throw new RateLimitedException(rateLimits.retryAfterSeconds(tenant));
        }
        IntakeResult result = intake.accept(tenant, events);
        metrics.record(tenant, result, events.size());
        HttpStatus status = result.nothingAccepted() ? HttpStatus.BAD_REQUEST : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).body(result);
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new BadRequestException("empty_body", "the request has no body");
        }
        try {
            return EventJson.readTree(body);
        } catch (tools.jackson.core.JacksonException e) {
            throw new BadRequestException("malformed_json", e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()));
        }
    }

    private static List<JsonNode> single(JsonNode json) {
        if (!json.isObject()) {
            throw new BadRequestException("not_an_event", "a single CloudEvent must be a JSON object");
        }
        return List.of(json);
    }

    private List<JsonNode> batch(JsonNode json) {
        if (!json.isArray()) {
            throw new BadRequestException("not_a_batch", "a batch must be a JSON array of CloudEvents");
        }
        if (json.isEmpty()) {
            throw new BadRequestException("empty_batch", "the batch has no events");
        }
        if (json.size() > limits.maxBatchEvents()) {
            throw new PayloadTooLargeException("a batch holds at most " + limits.maxBatchEvents() + " events");
        }
        List<JsonNode> events = new ArrayList<>(json.size());
        json.forEach(events::add);
        return events;
    }
}

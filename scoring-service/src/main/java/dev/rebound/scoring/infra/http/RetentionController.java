package dev.rebound.scoring.infra.http;

import dev.rebound.contracts.TenantId;
import dev.rebound.scoring.retention.RetentionReport;
import dev.rebound.scoring.retention.TenantCustomers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** {@code GET /v1/metrics/retention?from=&to=}: the tenant's retention figures for the period (see RetentionReport). */
@RestController
class RetentionController {

    private static final Duration MAX_PERIOD = Duration.ofDays(366);
    private final TenantCustomers customers;
    private final Clock clock;

    RetentionController(TenantCustomers customers, Clock clock) {
        this.customers = customers;
        this.clock = clock;
    }

    @GetMapping("/v1/metrics/retention")
    ResponseEntity<?> retention(TenantId tenant, @RequestParam String from, @RequestParam String to) {
        Instant start;
        Instant end;
        try {
            start = Instant.parse(from);
            end = Instant.parse(to);
        } catch (DateTimeParseException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "bad_period",
                    "message", "from and to are RFC 3339 instants, e.g. 2026-10-01T00:00:00Z"));
        }
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            return ResponseEntity.badRequest().body(Map.of("error", "bad_period",
                    "message", "from must be before to, at most 366 days apart"));
        }
        return ResponseEntity.ok(RetentionReport.of(customers.customersOf(tenant.value()), start, end, clock.instant()));
    }
}

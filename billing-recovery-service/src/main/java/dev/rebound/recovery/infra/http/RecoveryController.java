package dev.rebound.recovery.infra.http;

import dev.rebound.recovery.invoice.Attempt;
import dev.rebound.recovery.invoice.InvoiceRecovery;
import dev.rebound.recovery.invoice.RecoveryStore;
import dev.rebound.contracts.TenantId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code GET /v1/invoices/{id}/recovery}: status, attempts and the next retry of a failed invoice. */
@RestController
class RecoveryController {

    private static final Pattern INVOICE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private final RecoveryStore store;

    RecoveryController(RecoveryStore store) {
        this.store = store;
    }

    record RecoveryView(String invoiceId, String customerId, String status, long amount, String currency,
                        String declineClass, String lastDeclineCode, String decidedBy, String cardBrand,
                        Instant firstFailedAt, Instant nextRetryAt, Instant closedAt, Instant dunningEndsAt,
                        String lastDunningChannel, String recoveredBy, int failuresAfterClose, List<Attempt> attempts) {

        static RecoveryView of(InvoiceRecovery r) {
            return new RecoveryView(r.invoiceId(), r.customerId(), r.status().name(), r.amount(), r.currency(),
                    r.declineClass(), r.lastDeclineCode(), r.decidedBy(), r.cardBrand(), r.firstFailedAt(),
                    r.nextRetryAt(), r.closedAt(), r.dunningEndsAt(), r.dunningChannel(), r.recoveredBy(),
                    r.failuresAfterClose(),
                    r.attempts());
        }
    }

    /** {@code GET /v1/recovery/stats?from=&to=}: failed invoices of the period (by first failure), how they ended. */
    @GetMapping("/v1/recovery/stats")
    ResponseEntity<?> stats(TenantId tenant, @org.springframework.web.bind.annotation.RequestParam String from,
                            @org.springframework.web.bind.annotation.RequestParam String to) {
        Instant start;
        Instant end;
        try {
            start = Instant.parse(from);
            end = Instant.parse(to);
        } catch (java.time.format.DateTimeParseException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "bad_period",
                    "message", "from and to are RFC 3339 instants, e.g. 2026-11-01T00:00:00Z"));
        }
        if (!start.isBefore(end) || java.time.Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            return ResponseEntity.badRequest().body(Map.of("error", "bad_period",
                    "message", "from must be before to, at most 366 days apart"));
        }
        try (var recoveries = store.failedBetween(tenant.value(), start, end)) {
            return ResponseEntity.ok(Map.of("from", start, "to", end,
                    "stats", dev.rebound.recovery.stats.RecoveryStats.of(recoveries)));
        }
    }

    private static final java.time.Duration MAX_PERIOD = java.time.Duration.ofDays(366);

    @GetMapping("/v1/invoices/{id}/recovery")
    ResponseEntity<?> recovery(@PathVariable String id, TenantId tenant) {
        if (!INVOICE_ID.matcher(id).matches()) {
            return ResponseEntity.badRequest().body(Map.of("error", "bad_invoice_id",
                    "message", "an invoice id is 1-128 letters, digits or _.:-"));
        }
        return store.find(tenant.value(), id)
                .<ResponseEntity<?>>map(r -> ResponseEntity.ok(RecoveryView.of(r)))
                .orElseGet(() -> ResponseEntity.status(404).body(Map.of("error", "not_found",
                        "message", "no failed payment seen for invoice " + id)));
    }
}

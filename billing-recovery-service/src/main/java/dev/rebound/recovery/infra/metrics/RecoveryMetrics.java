package dev.rebound.recovery.infra.metrics;

import dev.rebound.recovery.invoice.RecoveryObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.Supplier;

/**
 * Billing-recovery's business metrics, every name in one place (listed in billing-recovery-service/README.md):
 * {@code rebound_recovery_attempts_total{decline_class,card_brand,outcome}},
 * {@code rebound_recovery_recovered_amount_minor_units_total{currency,source}},
 * {@code rebound_recovery_recovered_total{currency,source}}, {@code rebound_recovery_open} (gauge),
 * {@code rebound_recovery_unknown_decline_codes_total}.
 */
public final class RecoveryMetrics implements RecoveryObserver {

    static final String ATTEMPTS = "rebound.recovery.attempts";
    static final String RECOVERED_AMOUNT = "rebound.recovery.recovered.amount";
    static final String RECOVERED = "rebound.recovery.recovered";
    static final String OPEN = "rebound.recovery.open";
    static final String UNKNOWN_CODES = "rebound.recovery.unknown.decline.codes";

    private final MeterRegistry registry;

    public RecoveryMetrics(MeterRegistry registry, Supplier<Number> openRecoveries) {
        this.registry = registry;
        Gauge.builder(OPEN, openRecoveries).description("recoveries retrying or waiting for a new card")
                .register(registry);
    }

    @Override
    public void attempted(String declineClass, String cardBrand, String outcome) {
        Counter.builder(ATTEMPTS).tag("decline_class", declineClass == null ? "unknown" : declineClass)
                .tag("card_brand", cardBrand == null ? "unknown" : cardBrand)
                .tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void recovered(long amount, String currency, String source) {
        String by = source == null ? "retry" : source;
        Counter.builder(RECOVERED_AMOUNT).baseUnit("minor_units").tag("currency", currency).tag("source", by)
                .register(registry).increment(amount);
        Counter.builder(RECOVERED).tag("currency", currency).tag("source", by).register(registry).increment();
    }

    @Override
    public void unknownDeclineCode() {
        Counter.builder(UNKNOWN_CODES).description("declines the rule table did not know (cautious default applied)")
                .register(registry).increment();
    }
}

package dev.rebound.recovery.infra.schedule;

import dev.rebound.outbox.OutboxRelay;
import dev.rebound.recovery.infra.config.RecoveryProperties;
import dev.rebound.recovery.invoice.FailedPaymentRecovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs due retries every {@code rebound.recovery.retry-interval} and closes recoveries whose dunning window is over
 * every {@code rebound.recovery.window-check}; each changed recovery's events go out right after.
 */
@Component
class RecoveryScheduler implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RecoveryScheduler.class);
    private final FailedPaymentRecovery recovery;
    private final OutboxRelay relay;
    private final RecoveryProperties properties;
    private final dev.rebound.outbox.Traces traces;

    RecoveryScheduler(FailedPaymentRecovery recovery, OutboxRelay relay, RecoveryProperties properties,
                      dev.rebound.outbox.Traces traces) {
        this.traces = traces;
        this.recovery = recovery;
        this.relay = relay;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::retryDue, properties.retryInterval());
        registrar.addFixedDelayTask(this::exhaustOverdue, properties.windowCheck());
    }

    void exhaustOverdue() {
        // a window check is a trace of its own: the recovery.exhausted events it decides carry it
        try (var ignored = traces.continueTrace(null, "billing-recovery window check")) {
            recovery.exhaustOverdue(r -> relay.deliver(r.id(), r.outbox()));
        } catch (RuntimeException e) {
            log.warn("window check stopped, the next one retries: {}", e.toString());
        }
    }

    void retryDue() {
        try {
            recovery.retryDue(r -> relay.deliver(r.id(), r.outbox()));
        } catch (RuntimeException e) {
            log.warn("retry round stopped, the lease expires and the next round retries: {}", e.toString());
        }
    }
}

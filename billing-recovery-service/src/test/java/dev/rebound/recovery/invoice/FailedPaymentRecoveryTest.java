package dev.rebound.recovery.invoice;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.EventData;
import dev.rebound.contracts.data.PaymentFailed;
import dev.rebound.contracts.data.RecoveryAttempted;
import dev.rebound.contracts.data.RecoveryExhausted;
import dev.rebound.contracts.data.RecoveryRetryScheduled;
import dev.rebound.recovery.decline.DeclineClassifier;
import dev.rebound.recovery.gateway.GatewayUnavailableException;
import dev.rebound.recovery.gateway.PaymentGateway;
import dev.rebound.recovery.gateway.PaymentGateway.ChargeResult;
import dev.rebound.recovery.retry.RetryPlanner;
import dev.rebound.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The recovery use case on a moving clock, Kill Bill style: one invoice walked through its whole dunning window
 * hour by hour, asserting the exact ordered events; the gateway scripted per test.
 */
class FailedPaymentRecoveryTest {

    private static final Instant FAILED = Instant.parse("2026-11-02T17:42:00Z"); // a Monday
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final MutableClock clock = new MutableClock(FAILED);
    private final InMemoryRecoveries store = new InMemoryRecoveries();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final Map<String, ChargeResult> answered = new ConcurrentHashMap<>();
    private final List<String> charges = new CopyOnWriteArrayList<>();
    private Function<PaymentGateway.ChargeRequest, ChargeResult> issuer = r -> ChargeResult.paid();
    private boolean gatewayDown;

    /** Honours idempotency keys like Stripe: the first answer to a key is replayed, and a key charges once. */
    private final PaymentGateway gateway = request -> {
        keys.add(request.idempotencyKey());
        if (gatewayDown) {
            throw new GatewayUnavailableException("gateway down", null);
        }
        return answered.computeIfAbsent(request.idempotencyKey(), key -> {
            ChargeResult result = issuer.apply(request);
            if (result.succeeded()) {
                charges.add(request.invoiceId());
            }
            return result;
        });
    };
    private final FailedPaymentRecovery recovery = recovery(gateway);

    private FailedPaymentRecovery recovery(PaymentGateway paymentGateway) {
        return new FailedPaymentRecovery(store, new DeclineClassifier(), defaultsOnly(clock), paymentGateway, clock, LEASE,
                RecoveryObserver.NONE);
    }

    @Test
    void insufficientFundsIsRetriedOnPaydayThenExhaustedAtTheEndOfTheWindow() {
        issuer = r -> ChargeResult.declined("insufficient_funds", null);
        recovery.onPaymentFailed(failed("in_1", "insufficient_funds"));

        walkHourly(Duration.ofDays(25));

        assertThat(events("in_1")).containsExactly(
                "recovery.retry_scheduled attempt 2 at 2026-11-13T10:00:00Z",
                "recovery.attempted attempt 2 declined insufficient_funds at 2026-11-13T10:42:00Z",
                "recovery.exhausted after 2 attempts: no retry left within the dunning window at 2026-11-13T10:42:00Z");
        assertThat(store.find("acme", "in_1").orElseThrow().status()).isEqualTo(RecoveryStatus.EXHAUSTED);
    }

    @Test
    void processingErrorsAreRetriedSoonAndTheWalkEndsWhenTheScheduleDoes() {
        issuer = r -> ChargeResult.declined("processing_error", null);
        recovery.onPaymentFailed(failed("in_2", "processing_error"));

        walkHourly(Duration.ofDays(25));

        assertThat(events("in_2")).containsExactly(
                "recovery.retry_scheduled attempt 2 at 2026-11-02T18:42:00Z",
                "recovery.attempted attempt 2 declined processing_error at 2026-11-02T18:42:00Z",
                "recovery.retry_scheduled attempt 3 at 2026-11-02T23:42:00Z",
                "recovery.attempted attempt 3 declined processing_error at 2026-11-02T23:42:00Z",
                "recovery.retry_scheduled attempt 4 at 2026-11-03T10:00:00Z",
                "recovery.attempted attempt 4 declined processing_error at 2026-11-03T10:42:00Z",
                "recovery.retry_scheduled attempt 5 at 2026-11-05T10:00:00Z",
                "recovery.attempted attempt 5 declined processing_error at 2026-11-05T10:42:00Z",
                "recovery.exhausted after 5 attempts: no retry left within the dunning window at 2026-11-05T10:42:00Z");
        assertThat(keys).containsExactly("acme:in_2:attempt-2", "acme:in_2:attempt-3", "acme:in_2:attempt-4",
                "acme:in_2:attempt-5");
    }

    @Test
    void anExpiredCardWaitsForANewOneAndIsExhaustedWhenTheWindowEnds() {
        recovery.onPaymentFailed(failed("in_3", "expired_card"));

        walkHourly(Duration.ofDays(22));

        assertThat(events("in_3")).containsExactly(
                "recovery.card_update_requested",
                "recovery.exhausted after 1 attempts: the dunning window ended unpaid at 2026-11-23T17:42:00Z");
        assertThat(keys).isEmpty();
    }

    @Test
    void noAttemptIsBurnedWhileTheGatewayIsUnreachable() {
        recovery.onPaymentFailed(failed("in_4", "processing_error"));
        gatewayDown = true;
        clock.advance(Duration.ofHours(2));
        assertThatThrownBy(() -> recovery.retryDue(r -> { })).isInstanceOf(GatewayUnavailableException.class);
        InvoiceRecovery waiting = store.find("acme", "in_4").orElseThrow();
        assertThat(waiting.attempts()).hasSize(1);
        assertThat(waiting.retries()).isZero();
        assertThat(waiting.status()).isEqualTo(RecoveryStatus.RETRYING);

        gatewayDown = false;
        clock.advance(LEASE.plusSeconds(1)); // the claim of the failed round runs out
        assertThat(recovery.retryDue(r -> { })).isEqualTo(1);
        assertThat(store.find("acme", "in_4").orElseThrow().status()).isEqualTo(RecoveryStatus.RECOVERED);
        assertThat(keys).containsOnly("acme:in_4:attempt-2");
        assertThat(charges).containsExactly("in_4");
    }

    @Test
    void anInstanceKilledMidAttemptLeavesNoLostAndNoDoubledCharge() {
        recovery.onPaymentFailed(failed("in_5", "processing_error"));
        // instance A charges at the gateway, then dies before it can record the outcome
        FailedPaymentRecovery dying = recovery(request -> {
            gateway.pay(request);
            throw new IllegalStateException("killed");
        });
        clock.advance(Duration.ofHours(2));
        assertThatThrownBy(() -> dying.retryDue(r -> { })).hasMessage("killed");
        assertThat(store.find("acme", "in_5").orElseThrow().retries()).isZero();

        // instance B finds it once A's lease ran out and makes the same attempt: the gateway replays, no new charge
        assertThat(recovery.retryDue(r -> { })).as("still leased to A").isZero();
        clock.advance(LEASE.plusSeconds(1));
        assertThat(recovery.retryDue(r -> { })).isEqualTo(1);
        assertThat(store.find("acme", "in_5").orElseThrow().status()).isEqualTo(RecoveryStatus.RECOVERED);
        assertThat(keys).containsOnly("acme:in_5:attempt-2").hasSize(2);
        assertThat(charges).containsExactly("in_5");
    }

    @Test
    void twoInstancesRacingOverTheSameDueInvoicesChargeEachOnce() throws Exception {
        for (int i = 0; i < 300; i++) {
            recovery.onPaymentFailed(failed("in_race_" + i, "processing_error"));
        }
        clock.advance(Duration.ofHours(2));
        FailedPaymentRecovery other = recovery(gateway);
        List<Integer> counts = new CopyOnWriteArrayList<>();
        Thread a = Thread.ofVirtual().start(() -> counts.add(recovery.retryDue(r -> { })));
        Thread b = Thread.ofVirtual().start(() -> counts.add(other.retryDue(r -> { })));
        a.join();
        b.join();
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
        assertThat(charges).hasSize(300).doesNotHaveDuplicates();
        assertThat(keys).hasSize(300);
    }

    @Test
    void retriesLandInTheCustomersLocalMorningOnceTheirZoneIsKnown() {
        Map<String, java.time.ZoneId> known = new ConcurrentHashMap<>();
        dev.rebound.recovery.customer.CustomerZones zones = new dev.rebound.recovery.customer.CustomerZones() {
            @Override
            public java.util.Optional<java.time.ZoneId> zoneOf(String tenantId, String customerId) {
                return java.util.Optional.ofNullable(known.get(customerId));
            }

            @Override
            public void record(String tenantId, String customerId, java.time.ZoneId zone) {
                known.put(customerId, zone);
            }
        };
        new dev.rebound.recovery.customer.CustomerZoneRecording(zones).record(EventJson.event("su-1", "/app",
                EventType.CUSTOMER_SIGNED_UP, FAILED, "acme", "cus_1", new dev.rebound.contracts.data.CustomerSignedUp(
                        "pro", 4900, "USD", "a@x.io", "ko", "Asia/Seoul", null)));
        new dev.rebound.recovery.customer.CustomerZoneRecording(zones).record(EventJson.event("su-2", "/app",
                EventType.CUSTOMER_SIGNED_UP, FAILED, "acme", "cus_2", new dev.rebound.contracts.data.CustomerSignedUp(
                        "pro", 4900, "USD", "b@x.io", "en", "Mars/Olympus_Mons", null)));
        FailedPaymentRecovery local = new FailedPaymentRecovery(store, new DeclineClassifier(), defaultsOnly(clock),
                gateway, clock, LEASE, RecoveryObserver.NONE, zones);

        local.onPaymentFailed(failed("in_seoul", "insufficient_funds"));
        local.onPaymentFailed(EventJson.event("pf-in_nowhere", "/billing", EventType.PAYMENT_FAILED, clock.instant(),
                "acme", "cus_2", new PaymentFailed("in_nowhere", 4900, "USD", "insufficient_funds", "pm_2", 1)));

        // payday Fri 13 Nov at 10:00 in Seoul is 01:00 UTC; an unknown zone keeps the policy's (10:00 UTC)
        assertThat(store.find("acme", "in_seoul").orElseThrow().nextRetryAt()).isEqualTo("2026-11-13T01:00:00Z");
        assertThat(store.find("acme", "in_nowhere").orElseThrow().nextRetryAt()).isEqualTo("2026-11-13T10:00:00Z");
    }

    /** Moves the clock an hour at a time, running due retries and the window check as the scheduler does. */
    private void walkHourly(Duration total) {
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            clock.advance(Duration.ofHours(1));
            recovery.retryDue(r -> { });
            recovery.exhaustOverdue(r -> { });
        }
    }

    /** Every event the invoice's changes caused, in order, as a person would read them. */
    private List<String> events(String invoice) {
        List<String> lines = new ArrayList<>();
        for (var pending : store.find("acme", invoice).orElseThrow().outbox()) {
            CloudEvent event = EventJson.fromBytes(pending.json().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            EventData data = EventJson.data(event);
            lines.add(switch (data) {
                case RecoveryRetryScheduled s -> event.type() + " attempt " + s.attempt() + " at " + s.retryAt();
                case RecoveryAttempted a -> event.type() + " attempt " + a.attempt() + " " + a.outcome() + " "
                        + a.declineCode() + " at " + event.time();
                case RecoveryExhausted x -> event.type() + " after " + x.attempts() + " attempts: " + x.reason()
                        + " at " + event.time();
                default -> event.type();
            });
        }
        return lines;
    }

    private CloudEvent failed(String invoice, String code) {
        return EventJson.event("pf-" + invoice, "/billing", EventType.PAYMENT_FAILED, clock.instant(), "acme", "cus_1",
                new PaymentFailed(invoice, 4900, "USD", code, "pm_1", 1));
    }

    /** No tenant has its own policy: everyone gets the defaults (21 days, 10:00 UTC, Visa's 15 per card). */
    static dev.rebound.recovery.retry.PolicyBook defaultsOnly(java.time.Clock clock) {
        return new dev.rebound.recovery.retry.PolicyBook(new dev.rebound.recovery.retry.RetryPolicies() {
            @Override
            public java.util.Optional<dev.rebound.recovery.retry.RetryPolicy> find(String tenantId) {
                return java.util.Optional.empty();
            }

            @Override
            public void save(String tenantId, dev.rebound.recovery.retry.RetryPolicy policy) {
            }
        }, new dev.rebound.recovery.retry.RetryPolicy(Duration.ofDays(21), 15, LocalTime.of(10, 0), ZoneOffset.UTC, 15,
                Map.of()), clock, Duration.ofSeconds(10));
    }
}

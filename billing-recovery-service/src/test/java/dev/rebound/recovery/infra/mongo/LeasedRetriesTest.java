package dev.rebound.recovery.infra.mongo;

import com.mongodb.client.MongoClients;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.PaymentFailed;
import dev.rebound.recovery.decline.DeclineClassifier;
import dev.rebound.recovery.gateway.PaymentGateway;
import dev.rebound.recovery.invoice.FailedPaymentRecovery;
import dev.rebound.recovery.invoice.RecoveryObserver;
import dev.rebound.recovery.invoice.RecoveryStatus;
import dev.rebound.recovery.retry.RetryPlanner;
import dev.rebound.testsupport.MutableClock;
import dev.rebound.testsupport.TestInfra;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Two service instances (two use cases, each with its own store client) racing over the same 1,000 due invoices
 * in one MongoDB database: leases and the version bump of a claim make exactly 1,000 attempts, one per invoice.
 */
class LeasedRetriesTest {

    private static final Instant FAILED = Instant.parse("2026-11-02T17:42:00Z");

    @Test
    void twoInstancesRacingOver1000DueInvoicesMakeExactly1000Attempts() throws Exception {
        String database = TestInfra.database("recovery_race_" + UUID.randomUUID().toString().substring(0, 6));
        MongoRecoveryStore storeA = new MongoRecoveryStore(new MongoTemplate(MongoClients.create(TestInfra.mongoUri()), database));
        MongoRecoveryStore storeB = new MongoRecoveryStore(new MongoTemplate(MongoClients.create(TestInfra.mongoUri()), database));
        storeA.declareIndexes();
        MutableClock clock = new MutableClock(FAILED);
        Map<String, AtomicInteger> callsPerInvoice = new ConcurrentHashMap<>();
        List<String> charges = new CopyOnWriteArrayList<>();
        PaymentGateway gateway = request -> {
            if (callsPerInvoice.computeIfAbsent(request.invoiceId(), k -> new AtomicInteger()).incrementAndGet() == 1) {
                charges.add(request.invoiceId());
            }
            return PaymentGateway.ChargeResult.paid();
        };
        FailedPaymentRecovery a = instance(storeA, gateway, clock);
        FailedPaymentRecovery b = instance(storeB, gateway, clock);
        for (int i = 0; i < 1_000; i++) {
            a.onPaymentFailed(EventJson.event("pf-" + i, "/billing", EventType.PAYMENT_FAILED, FAILED, "acme",
                    "cus_" + (i % 97), new PaymentFailed("in_" + i, 4900, "USD", "processing_error", "pm_" + i, 1)));
        }
        clock.advance(Duration.ofHours(2));

        List<Integer> counted = new CopyOnWriteArrayList<>();
        Thread first = Thread.ofVirtual().start(() -> counted.add(a.retryDue(r -> { })));
        Thread second = Thread.ofVirtual().start(() -> counted.add(b.retryDue(r -> { })));
        first.join();
        second.join();

        assertThat(counted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_000);
        assertThat(callsPerInvoice).hasSize(1_000).allSatisfy((invoice, calls) -> assertThat(calls.get()).as(invoice).isEqualTo(1));
        assertThat(charges).hasSize(1_000);
        MongoTemplate check = new MongoTemplate(MongoClients.create(TestInfra.mongoUri()), database);
        assertThat(check.count(Query.query(where("status").is(RecoveryStatus.RECOVERED.name())), MongoRecoveryStore.COLLECTION))
                .isEqualTo(1_000);
    }

    private static FailedPaymentRecovery instance(MongoRecoveryStore store, PaymentGateway gateway, MutableClock clock) {
        return new FailedPaymentRecovery(store, new DeclineClassifier(), defaultsOnly(clock), gateway, clock, Duration.ofMinutes(2),
                RecoveryObserver.NONE);
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

package dev.rebound.platform.bench;

import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.PaymentFailed;
import dev.rebound.contracts.data.PaymentMethodInfo;
import dev.rebound.recovery.decline.DeclineClass;
import dev.rebound.recovery.decline.DeclineClassifier;
import dev.rebound.recovery.gateway.GatewayUnavailableException;
import dev.rebound.recovery.gateway.PaymentGateway;
import dev.rebound.recovery.infra.gateway.StripeCompatibleGateway;
import dev.rebound.recovery.infra.gateway.simulator.CardProfile;
import dev.rebound.recovery.infra.gateway.simulator.GatewaySimulator;
import dev.rebound.recovery.infra.mongo.MongoRecoveryStore;
import dev.rebound.recovery.invoice.Attempt;
import dev.rebound.recovery.invoice.ConcurrentRecoveryUpdateException;
import dev.rebound.recovery.invoice.FailedPaymentRecovery;
import dev.rebound.recovery.invoice.InvoiceRecovery;
import dev.rebound.recovery.invoice.RecoveryObserver;
import dev.rebound.recovery.invoice.RecoveryStatus;
import dev.rebound.recovery.invoice.RecoveryStore;
import dev.rebound.recovery.retry.CardNetworkLimits;
import dev.rebound.recovery.retry.PolicyBook;
import dev.rebound.recovery.retry.RetryPolicies;
import dev.rebound.recovery.retry.RetryPolicy;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * {@code --benchmark-recovery}: (a) due retries one instance processes per second: billing-recovery's use case
 * with its MongoDB store adapter (on the in-memory Mongo-wire store) and its Stripe-compatible HTTP adapter with the
 * Resilience4j chain, against the gateway simulator; (b) a recovery simulation of failed invoices with a stated
 * decline mix and time-dependent issuer behaviour, run through the same use case and HTTP adapter on a moving
 * clock, beside a naive fixed schedule (every 3 days, 4 times) and Kill Bill's default (8, 8, 8 days).
 */
public final class RecoveryBenchmark {

    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z"); // a Monday
    private static final String SECRET = "sk_bench";

    /** A clock the benchmark moves. */
    static final class MovingClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(START);

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    public static String run(int dueInvoices, int simulatedInvoices) throws Exception {
        StringBuilder report = new StringBuilder();
        report.append(throughput(dueInvoices)).append('\n');
        report.append(simulation(simulatedInvoices));
        return report.toString();
    }

    // ---------------------------------------------------------------- (a) throughput

    static String throughput(int invoices) throws Exception {
        MovingClock clock = new MovingClock();
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        InetSocketAddress address = mongo.getLocalAddress();
        try (GatewaySimulator simulator = new GatewaySimulator(0, SECRET, clock, null);
             var client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoRecoveryStore store = new MongoRecoveryStore(new MongoTemplate(client, "bench_recovery"));
            store.declareIndexes();
            FailedPaymentRecovery recovery = useCase(store, gateway(simulator), clock);
            for (int i = 0; i < invoices; i++) {
                recovery.onPaymentFailed(EventJson.event("pf-" + i, "/bench", EventType.PAYMENT_FAILED, START, "bench",
                        "cus_" + i, new PaymentFailed("in_" + i, 4900, "USD", "processing_error", "pm_card_visa_" + i, 1)));
            }
            clock.set(START.plus(Duration.ofHours(2)));
            long started = System.nanoTime();
            int attempts = recovery.retryDue(r -> { });
            double seconds = (System.nanoTime() - started) / 1e9;

            MemoryRecoveries memory = new MemoryRecoveries();
            MovingClock memoryClock = new MovingClock();
            FailedPaymentRecovery inMemory = useCase(memory, gateway(simulator), memoryClock);
            for (int i = 0; i < invoices; i++) {
                inMemory.onPaymentFailed(EventJson.event("pf-" + i, "/bench", EventType.PAYMENT_FAILED, START, "bench",
                        "cus_" + i, new PaymentFailed("in_" + i, 4900, "USD", "processing_error", "pm_mem_" + i, 1)));
            }
            memoryClock.set(START.plus(Duration.ofHours(2)));
            long memoryStarted = System.nanoTime();
            int memoryAttempts = inMemory.retryDue(r -> { });
            double memorySeconds = (System.nanoTime() - memoryStarted) / 1e9;
            return """
                    (a) due retries processed by one instance (the use case charging %d at once + HTTP gateway adapter
                        with Resilience4j, against the simulator; outbox publishing to Kafka not included):
                        - MongoDB store adapter on the in-memory Mongo-wire store: %,d attempts in %.1f s = %,.0f attempts/s
                        - the same with the store in memory:                        %,d attempts in %.1f s = %,.0f attempts/s
                        (target >= 500/s; the Mongo-wire store scans every document for each claim's sorted
                        findAndModify - a real MongoDB uses the {status, nextRetryAt} index)
                    """.formatted(FailedPaymentRecovery.CONCURRENT_CHARGES, attempts, seconds, attempts / seconds,
                    memoryAttempts, memorySeconds, memoryAttempts / memorySeconds);
        } finally {
            mongo.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- (b) simulation

    /** One failed invoice of the simulated base and how its customer and issuer behave. */
    record Case(String invoice, String customer, String card, String brand, long amount, Instant failedAt,
                String declineCode, String networkAdvice, DeclineClass kind, Instant cardUpdatedAt, String newCard) {}

    /**
     * The decline mix (an assumption of this benchmark, in line with commonly published shares of recurring-card
     * declines: insufficient funds the largest, then issuer "do not honor"-type declines, expired cards, processing
     * errors, authentication and fraud/stolen the smallest): 45 % insufficient funds (funds arrive on paydays for
     * 70 % of them, available for 3 days), 22 % do_not_honor (each attempt pays with chance 0.2), 12 % expired card
     * (45 % of these customers add a new card 1-8 days later), 8 % processing error (transient, pays after 30 min
     * for 95 %), 5 % authentication required (50 % authenticate 1-4 days after they are asked; nobody is asked under
     * the baselines), 8 % never retriable (fraudulent, stolen, Visa category 1, Mastercard advice 03).
     * Cards: 55 % Visa, 35 % Mastercard, 10 % Amex. Amounts 900-9,900 cents. Failures spread over 10 days.
     */
    static List<Case> cases(int count, GatewaySimulator simulator) {
        return cases(count, simulator, paydayWindows());
    }

    static List<Case> cases(int count, GatewaySimulator simulator, Set<Integer> fundsDays) {
        SplittableRandom random = new SplittableRandom(20260105L);
        List<Case> cases = new ArrayList<>();
        long[] prices = {900, 2900, 4900, 9900};
        for (int i = 0; i < count; i++) {
            String card = "pm_" + i;
            double r = random.nextDouble();
            String brand = r < 0.55 ? "visa" : r < 0.90 ? "mastercard" : "amex";
            Instant failed = START.plus(Duration.ofMinutes(random.nextLong(10 * 24 * 60)));
            double kind = random.nextDouble();
            String code;
            String advice = null;
            DeclineClass declineClass;
            Instant updated = null;
            CardProfile profile;
            if (kind < 0.45) {
                code = "insufficient_funds";
                declineClass = DeclineClass.INSUFFICIENT_FUNDS;
                profile = new CardProfile(brand, code, null, null, null, random.nextDouble() < 0.7 ? fundsDays : Set.of(),
                        null);
            } else if (kind < 0.67) {
                code = "do_not_honor";
                declineClass = DeclineClass.ISSUER_DECLINE;
                profile = new CardProfile(brand, code, null, null, null, Set.of(), null, 0.2);
            } else if (kind < 0.79) {
                code = "expired_card";
                declineClass = DeclineClass.CARD_UNUSABLE;
                profile = CardProfile.declines(brand, code);
                if (random.nextDouble() < 0.45) {
                    updated = failed.plus(Duration.ofHours(24 + random.nextLong(7 * 24)));
                }
            } else if (kind < 0.87) {
                code = "processing_error";
                declineClass = DeclineClass.PROCESSING_ERROR;
                profile = new CardProfile(brand, code, null, null, null, Set.of(),
                        random.nextDouble() < 0.95 ? failed.plus(Duration.ofMinutes(30)) : null);
            } else if (kind < 0.92) {
                code = "authentication_required";
                declineClass = DeclineClass.AUTHENTICATION_REQUIRED;
                profile = CardProfile.declines(brand, code);
                if (random.nextDouble() < 0.5) {
                    updated = failed.plus(Duration.ofHours(24 + random.nextLong(3 * 24)));
                }
            } else {
                boolean mastercard = "mastercard".equals(brand);
                code = mastercard ? "do_not_honor" : random.nextBoolean() ? "fraudulent" : "stolen_card";
                advice = mastercard ? "03" : null;
                declineClass = DeclineClass.DO_NOT_RETRY;
                profile = new CardProfile(brand, code, null, advice, null, Set.of(), null);
            }
            simulator.card(card, profile);
            String newCard = updated == null ? null : card + "_new";
            if (newCard != null) {
                simulator.card(newCard, CardProfile.pays(brand));
            }
            cases.add(new Case("in_" + i, "cus_" + i, card, brand, prices[random.nextInt(prices.length)], failed, code,
                    advice, declineClass, updated, newCard));
        }
        return cases;
    }

    /** Funds are there from each payday for three days (days of the month, roughly: 1-3, 15-17, 29-31). */
    private static Set<Integer> paydayWindows() {
        return Set.of(1, 2, 3, 15, 16, 17, 29, 30, 31);
    }

    record Outcome(String policy, int invoices, int recovered, long recoveredCents, int attempts, int violations) {

        String row() {
            return "| %s | %.1f %% | $%,.2f | %.2f | %d |".formatted(policy, 100.0 * recovered / invoices,
                    recoveredCents / 100.0, recovered == 0 ? 0 : (double) attempts / recovered, violations);
        }
    }

    static String simulation(int count) throws Exception {
        return simulation(count, paydayWindows(), "funds stay 3 days after each payday")
                + "\n" + simulation(count, Set.of(1, 15, 30), "sensitivity: funds only on the payday itself (1st, 15th, 30th)");
    }

    static String simulation(int count, Set<Integer> fundsDays, String variant) throws Exception {
        MovingClock clock = new MovingClock();
        try (GatewaySimulator simulator = new GatewaySimulator(0, SECRET, clock, null)) {
            List<Case> cases = cases(count, simulator, fundsDays);
            PaymentGateway gateway = gateway(simulator);
            Outcome rebound = rebound(cases, gateway, clock);
            Outcome naive = fixed("naive: every 3 days, 4 times", cases, gateway, clock,
                    List.of(Duration.ofDays(3), Duration.ofDays(6), Duration.ofDays(9), Duration.ofDays(12)));
            Outcome killBill = fixed("Kill Bill default: 8, 8, 8 days", cases, gateway, clock,
                    List.of(Duration.ofDays(8), Duration.ofDays(16), Duration.ofDays(24)));
            return """
                    (b) recovery simulation, %s: %,d failed invoices (mix and issuer behaviour in
                        RecoveryBenchmark.cases), each policy against the same simulated issuers; violations = retries
                        of a card after a "never retry" decline, or beyond a network's per-card limit (%s)
                    | policy | recovered | recovered revenue | attempts per recovery | network-rule violations |
                    |---|---|---|---|---|
                    %s
                    %s
                    %s
                    Rebound vs naive: %+.1f percentage points recovered
                    """.formatted(variant, count, CardNetworkLimits.VERSION, rebound.row(), naive.row(), killBill.row(),
                    100.0 * (rebound.recovered() - naive.recovered()) / count);
        }
    }

    /** Rebound's policy: the billing-recovery use case on a clock moved in 15-minute steps over 40 days. */
    static Outcome rebound(List<Case> cases, PaymentGateway gateway, MovingClock clock) {
        MemoryRecoveries store = new MemoryRecoveries();
        FailedPaymentRecovery recovery = useCase(store, gateway, clock);
        List<Case> byFailure = cases.stream().sorted(Comparator.comparing(Case::failedAt)).toList();
        List<Case> byUpdate = cases.stream().filter(c -> c.cardUpdatedAt() != null)
                .sorted(Comparator.comparing(Case::cardUpdatedAt)).toList();
        int nextFailure = 0;
        int nextUpdate = 0;
        for (Instant t = START; t.isBefore(START.plus(Duration.ofDays(40))); t = t.plus(Duration.ofMinutes(15))) {
            clock.set(t);
            while (nextFailure < byFailure.size() && !byFailure.get(nextFailure).failedAt().isAfter(t)) {
                Case c = byFailure.get(nextFailure++);
                recovery.onPaymentFailed(EventJson.event("pf-" + c.invoice(), "/bench", EventType.PAYMENT_FAILED,
                        c.failedAt(), "bench", c.customer(), new PaymentFailed(c.invoice(), c.amount(), "USD",
                                c.declineCode(), c.card(), 1, c.networkAdvice(), c.brand(), null, null)));
            }
            while (nextUpdate < byUpdate.size() && !byUpdate.get(nextUpdate).cardUpdatedAt().isAfter(t)) {
                Case c = byUpdate.get(nextUpdate++);
                recovery.onPaymentMethodUpdated(EventJson.event("pmu-" + c.invoice(), "/bench",
                        EventType.PAYMENT_METHOD_UPDATED, c.cardUpdatedAt(), "bench", c.customer(),
                        new PaymentMethodInfo(c.newCard(), 12, 2030)));
            }
            recovery.retryDue(r -> { });
            recovery.exhaustOverdue(r -> { });
        }
        int recovered = 0;
        long cents = 0;
        int attempts = 0;
        int violations = 0;
        for (Case c : cases) {
            InvoiceRecovery r = store.find("bench", c.invoice()).orElseThrow();
            List<Attempt> retries = r.attempts().stream().filter(a -> a.kind() == Attempt.Kind.RETRY).toList();
            attempts += retries.size();
            violations += violations(c, retries.stream().filter(a -> c.card().equals(a.paymentMethodId()))
                    .map(Attempt::at).toList());
            if (r.status() == RecoveryStatus.RECOVERED) {
                recovered++;
                cents += r.amount();
            }
        }
        return new Outcome("Rebound (this policy)", cases.size(), recovered, cents, attempts, violations);
    }

    /** A fixed schedule from the failure, whatever the decline, on the latest card the customer gave. */
    static Outcome fixed(String name, List<Case> cases, PaymentGateway gateway, MovingClock clock, List<Duration> offsets) {
        record Planned(Case c, int n, Instant at) {}
        List<Planned> plan = new ArrayList<>();
        for (Case c : cases) {
            for (int n = 0; n < offsets.size(); n++) {
                plan.add(new Planned(c, n, c.failedAt().plus(offsets.get(n))));
            }
        }
        plan.sort(Comparator.comparing(Planned::at));
        Map<String, Boolean> paid = new HashMap<>();
        Map<String, List<Instant>> oldCardRetries = new HashMap<>();
        int attempts = 0;
        for (Planned p : plan) {
            Case c = p.c();
            if (paid.getOrDefault(c.invoice(), false)) {
                continue;
            }
            clock.set(p.at());
            boolean onNewCard = c.newCard() != null && c.kind() != DeclineClass.AUTHENTICATION_REQUIRED
                    && !c.cardUpdatedAt().isAfter(p.at());
            String card = onNewCard ? c.newCard() : c.card();
            if (!onNewCard) {
                oldCardRetries.computeIfAbsent(c.invoice(), k -> new ArrayList<>()).add(p.at());
            }
            attempts++;
            try {
                if (gateway.pay(new PaymentGateway.ChargeRequest("bench", c.invoice(), c.amount(), "USD", card,
                        name.hashCode() + ":" + c.invoice() + ":" + p.n())).succeeded()) {
                    paid.put(c.invoice(), true);
                }
            } catch (GatewayUnavailableException e) {
                throw new IllegalStateException("the simulator failed during the benchmark", e);
            }
        }
        int recovered = 0;
        long cents = 0;
        int violations = 0;
        for (Case c : cases) {
            violations += violations(c, oldCardRetries.getOrDefault(c.invoice(), List.of()));
            if (paid.getOrDefault(c.invoice(), false)) {
                recovered++;
                cents += c.amount();
            }
        }
        return new Outcome(name, cases.size(), recovered, cents, attempts, violations);
    }

    /** Retries of the failed card that break a network rule: any after a "never retry" decline, or over a limit. */
    static int violations(Case c, List<Instant> retriesOfTheFailedCard) {
        if (c.kind() == DeclineClass.DO_NOT_RETRY) {
            return retriesOfTheFailedCard.size();
        }
        int count = 0;
        List<Instant> seen = new ArrayList<>();
        for (Instant at : retriesOfTheFailedCard.stream().sorted().toList()) {
            for (CardNetworkLimits.Limit limit : CardNetworkLimits.forBrand(c.brand())) {
                long inWindow = seen.stream().filter(t -> t.isAfter(at.minus(limit.per()))).count();
                if (inWindow + 1 > limit.max()) {
                    count++;
                    break;
                }
            }
            seen.add(at);
        }
        return count;
    }

    // ---------------------------------------------------------------- wiring

    private static FailedPaymentRecovery useCase(RecoveryStore store, PaymentGateway gateway, Clock clock) {
        RetryPolicies none = new RetryPolicies() {
            @Override
            public Optional<RetryPolicy> find(String tenantId) {
                return Optional.empty();
            }

            @Override
            public void save(String tenantId, RetryPolicy policy) {
            }
        };
        PolicyBook policies = new PolicyBook(none, new RetryPolicy(Duration.ofDays(21), 15, LocalTime.of(10, 0),
                ZoneOffset.UTC, 15, Map.of()), clock, Duration.ofDays(365));
        return new FailedPaymentRecovery(store, new DeclineClassifier(), policies, gateway, clock,
                Duration.ofMinutes(2), RecoveryObserver.NONE);
    }

    /** The HTTP adapter with the policies of billing-recovery.yaml, the rate limiter opened up for the benchmark. */
    private static PaymentGateway gateway(GatewaySimulator simulator) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory();
        requests.setReadTimeout(Duration.ofSeconds(10));
        return new StripeCompatibleGateway(RestClient.builder().baseUrl(simulator.baseUrl()).requestFactory(requests)
                .build(), SECRET,
                CircuitBreaker.of("gateway", CircuitBreakerConfig.custom().slidingWindowSize(20).minimumNumberOfCalls(10)
                        .failureRateThreshold(50).recordExceptions(GatewayUnavailableException.class).build()),
                Retry.of("gateway", RetryConfig.custom().maxAttempts(3).waitDuration(Duration.ofMillis(500))
                        .retryExceptions(GatewayUnavailableException.class).build()),
                Bulkhead.of("gateway", BulkheadConfig.custom().maxConcurrentCalls(10).build()),
                RateLimiter.of("gateway", RateLimiterConfig.custom().limitForPeriod(100_000)
                        .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofSeconds(5)).build()),
                TimeLimiter.of(TimeLimiterConfig.custom().timeoutDuration(Duration.ofSeconds(15)).build()));
    }

    /**
     * The simulation's store: the RecoveryStore contract in memory (one thread, so objects are kept as they are),
     * because the Mongo-wire test store scans every document for each claim and would measure itself, not the policy.
     */
    static final class MemoryRecoveries implements RecoveryStore {
        private final Map<String, InvoiceRecovery> byId = new HashMap<>();
        private final Map<String, Long> versions = new HashMap<>();
        private final Map<String, Instant> claimed = new HashMap<>();
        private final Map<String, Set<String>> byCard = new HashMap<>();
        private record Due(Instant at, String id) {}
        private final java.util.TreeSet<Due> due = new java.util.TreeSet<>(
                Comparator.comparing(Due::at).thenComparing(Due::id));
        private final Map<String, Due> dueById = new HashMap<>();

        @Override
        public synchronized Optional<InvoiceRecovery> find(String tenantId, String invoiceId) {
            return Optional.ofNullable(byId.get(InvoiceRecovery.idOf(tenantId, invoiceId)));
        }

        @Override
        public synchronized void save(InvoiceRecovery r) {
            long stored = versions.getOrDefault(r.id(), 0L);
            if (r.version() != stored) {
                throw new ConcurrentRecoveryUpdateException(r.id());
            }
            r.storedAs(stored + 1);
            versions.put(r.id(), stored + 1);
            Due previous = dueById.remove(r.id());
            if (previous != null) {
                due.remove(previous);
            }
            byId.put(r.id(), r);
            if (r.status() == RecoveryStatus.RETRYING && r.nextRetryAt() != null) {
                Due next = new Due(r.nextRetryAt(), r.id());
                due.add(next);
                dueById.put(r.id(), next);
            }
            r.attempts().forEach(a -> byCard.computeIfAbsent(String.valueOf(a.paymentMethodId()), k -> new java.util.HashSet<>())
                    .add(r.id()));
        }

        @Override
        public synchronized Optional<InvoiceRecovery> claimDue(Instant now, Duration lease) {
            for (Due d : due) {
                if (d.at().isAfter(now)) {
                    return Optional.empty();
                }
                InvoiceRecovery r = byId.get(d.id());
                if (claimed.getOrDefault(r.id(), Instant.MIN).isBefore(now)) {
                    claimed.put(r.id(), now.plus(lease));
                    versions.merge(r.id(), 1L, Long::sum);
                    r.storedAs(versions.get(r.id()));
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }

        @Override
        public synchronized List<InvoiceRecovery> openForCustomer(String tenantId, String customerId) {
            InvoiceRecovery only = byId.get(InvoiceRecovery.idOf(tenantId, "in_" + customerId.substring("cus_".length())));
            return only != null && only.isOpen() ? List.of(only) : List.of(); // one invoice per customer here
        }

        @Override
        public synchronized List<Instant> retryTimesOfCard(String tenantId, String paymentMethodId) {
            return byCard.getOrDefault(String.valueOf(paymentMethodId), Set.of()).stream().map(byId::get)
                    .flatMap(r -> r.attempts().stream())
                    .filter(a -> a.kind() == Attempt.Kind.RETRY && paymentMethodId.equals(a.paymentMethodId()))
                    .map(Attempt::at).toList();
        }

        @Override
        public synchronized List<InvoiceRecovery> openPastWindow(Instant now, int limit) {
            return byId.values().stream().filter(r -> r.isOpen() && r.windowOverAt(now)).limit(limit).toList();
        }

        @Override
        public synchronized Stream<InvoiceRecovery> failedBetween(String tenantId, Instant from, Instant to) {
            return List.copyOf(byId.values()).stream();
        }

        @Override
        public synchronized long countOpen() {
            return byId.values().stream().filter(InvoiceRecovery::isOpen).count();
        }
    }

    private RecoveryBenchmark() {
    }
}

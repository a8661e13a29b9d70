package dev.rebound.platform.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.InsertManyOptions;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.Topics;
import dev.rebound.contracts.data.CustomerSignedUp;
import dev.rebound.contracts.data.EventData;
import dev.rebound.contracts.data.PageViewed;
import dev.rebound.contracts.data.UsageFeatureUsed;
import dev.rebound.contracts.data.UsageSession;
import dev.rebound.scoring.dormancy.DormancyDetector;
import dev.rebound.scoring.infra.mongo.MongoProfileStore;
import dev.rebound.scoring.modeling.ChurnModelBook;
import dev.rebound.scoring.tuning.Tuning;
import dev.rebound.scoring.tuning.TuningBook;
import dev.rebound.scoring.updating.ProfileUpdating;
import dev.rebound.scoring.updating.ScoringObserver;
import dev.rebound.scoring.updating.SeenEvents;
import dev.rebound.scoring.updating.Watermarks;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scoring under load, in one run on the embedded platform: (a) the events/s one scoring instance sustains with
 * 100,000 customers (a backlog written straight to the usage topic, timed until the scoring group has consumed it),
 * beside ingestion's batched rate over HTTP; (b) the time from ingestion's 202 to the updated risk being readable
 * through scoring's API, p50/p99, while 2,000 events/s flow in; (c) one dormancy pass over 1,000,000 due profiles
 * on the platform's store (an H2 file, or memory with {@code -Drebound.store=memory}). REBOUND_BENCH_CUSTOMERS=0
 * skips (a) and (b), REBOUND_BENCH_PROFILES=0 skips (c).
 */
public final class ScoringBenchmark {

    private static final List<String> SCORING = List.of("scoring");
    private static final int POLL_MILLIS = 25;
    /** Every consumer of the topics the benchmark writes to (or of what scoring makes of them). */
    private static final List<String> EVERY_GROUP = List.of("scoring", "campaign", "billing-recovery");
    private final String ingestionUrl;
    private final String scoringUrl;
    private final String apiKey;
    private final String tenant;
    private final String bootstrapServers;
    private final String mongoUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(42);
    /**
     * The sign-ups' time, a month back; the backlog follows at four events a second of event time at most, and the events
     * over HTTP go on from there as time passes ({@link #live()}). Event time thus moves as it does live: no day of the
     * detector's refresh looks (nor weeks of dormancy) is compressed into the seconds of the run. (With the HTTP events
     * days ahead of the backlog, as they were, every customer fell due for a look in the middle of (b), and the latency
     * measured the detector catching up; stamped with the wall clock, a month after the sign-ups, the same.)
     */
    private final Instant base = Instant.now().minus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    /** Where the backlog's event time ended, and when (wall clock, nanos) that was. */
    private volatile Instant liveFrom = base;
    private volatile long liveSince = System.nanoTime();
    private int sequence;

    public ScoringBenchmark(String ingestionUrl, String scoringUrl, String apiKey, String tenant,
                            String bootstrapServers, String mongoUri) {
        this.ingestionUrl = ingestionUrl;
        this.scoringUrl = scoringUrl;
        this.apiKey = apiKey;
        this.tenant = tenant;
        this.bootstrapServers = bootstrapServers;
        this.mongoUri = mongoUri;
    }

    public String run(int customers, int backlog, int ingested, int rate, int latencySeconds, int profiles)
            throws Exception {
        StringBuilder report = new StringBuilder("| measure | result |\n|---|---|\n");
        if (customers > 0) {
            throughputAndLatency(report, customers, backlog, ingested, rate, latencySeconds);
        }
        if (profiles <= 0) {
            return report.toString();
        }
        System.out.printf("(c) dormancy pass over %,d profiles on the platform's store...%n", profiles);
        BenchSupport.add(report, dormancy("memory".equals(System.getProperty("rebound.store"))
                ? "platform store (mongo-java-server in memory)" : "platform store (mongo-java-server, H2 file)",
                mongoUri, profiles));
        return report.toString();
    }

    private void throughputAndLatency(StringBuilder report, int customers, int backlog, int ingested, int rate,
                                      int latencySeconds) throws Exception {
        try (ConsumerLag lag = new ConsumerLag(bootstrapServers);
             KafkaProducer<String, byte[]> producer = BenchSupport.producer(bootstrapServers)) {
            System.out.printf("loading %,d customers (one sign-up each, straight to the topic)...%n", customers);
            long t0 = System.nanoTime();
            for (int c = 0; c < customers; c++) {
                send(producer, c, EventType.CUSTOMER_SIGNED_UP, base,
                        new CustomerSignedUp("pro", 4900, "USD", null, null, null, null));
            }
            producer.flush();
            lag.awaitIdle(SCORING, 200);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            BenchSupport.add(report, String.format("| profiles created (%,d sign-ups, from an empty store) | %,.0f events/s |%n",
                    customers, customers / loadSeconds));
            // (a) measures what scoring sustains beside the platform's other consumers of its input and output, not
            // beside their catching up with the sign-ups (each creates a contact, plans a trial or onboarding mail)
            System.out.printf("  campaign and billing-recovery done with the sign-ups %.1f s later%n",
                    lag.awaitIdle(EVERY_GROUP, 200));

            System.out.printf("(a) scoring: a backlog of %,d events over those customers...%n", backlog);
            t0 = System.nanoTime();
            // at most four a second of event time, all before now however large the backlog
            long spacing = Math.min(250L, Duration.ofHours(17).toMillis() / Math.max(1, backlog));
            for (int i = 0; i < backlog; i++) {
                int c = random.nextInt(customers);
                send(producer, c, i % 3 == 0 ? EventType.USAGE_FEATURE_USED : EventType.USAGE_SESSION,
                        base.plusMillis(60_000 + spacing * i), i % 3 == 0 ? new UsageFeatureUsed("reports", 1) : new UsageSession(300L));
            }
            producer.flush();
            liveFrom = base.plusMillis(60_000 + spacing * backlog);
            liveSince = System.nanoTime();
            double produced = (System.nanoTime() - t0) / 1e9;
            lag.awaitIdle(SCORING, 200);
            double scoringRate = backlog / ((System.nanoTime() - t0) / 1e9);
            System.out.printf("  written in %.1f s, scored at %,.0f events/s%n", produced, scoringRate);

            System.out.printf("(a) ingestion: %,d events in batches of 500 over HTTP...%n", ingested);
            t0 = System.nanoTime();
            double ingestionRate = batched(ingested, customers);
            double ingestSeconds = (System.nanoTime() - t0) / 1e9;
            double drain = lag.awaitIdle(SCORING, 200);
            BenchSupport.add(report, String.format("| (a) one scoring instance, %,d customers, backlog of %,d events | %,.0f events/s |%n",
                    customers, backlog, scoringRate));
            BenchSupport.add(report, String.format("| (a) batched ingestion in the same run (%,d events, %.1f s) | %,.0f events/s |%n",
                    ingested, ingestSeconds, ingestionRate));
            BenchSupport.add(report, String.format("| (a) scoring / ingestion | %.2f |%n", scoringRate / ingestionRate));
            BenchSupport.add(report, String.format("| (a) scoring lag left when ingestion finished, drained in | %.1f s |%n", drain));

            System.out.printf("  every consumer idle %.1f s later%n", lag.awaitIdle(EVERY_GROUP, 200));
            System.out.printf("(b) %,d events/s for %d s, probing the time to a readable risk...%n", rate, latencySeconds);
            double[] latencies = latency(rate, latencySeconds, customers);
            BenchSupport.add(report, String.format("| (b) ingestion 202 → risk readable at %,d events/s (%d probes) | p50 %.0f ms, p99 %.0f ms, max %.0f ms |%n",
                    rate, latencies.length, percentile(latencies, 50), percentile(latencies, 99),
                    latencies.length == 0 ? 0 : latencies[latencies.length - 1]));
            lag.awaitIdle(SCORING, 500);
        }
    }

    /** A report line, printed as soon as it is measured. */
    private void send(KafkaProducer<String, byte[]> producer, int customer, EventType type, Instant at, EventData data) {
        String subject = "cus_" + customer;
        byte[] json = EventJson.toBytes(EventJson.event("bench-" + (++sequence), "/bench", type, at, tenant, subject,
                data));
        producer.send(new ProducerRecord<>(type.topic(), tenant + ":" + subject, json));
    }

    /** Batches of 500 single-customer events from 4 clients, as IngestionBenchmark sends them. */
    private double batched(int events, int customers) throws Exception {
        int batches = events / 500;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        String run = Long.toHexString(System.nanoTime());
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                running.add(pool.submit(() -> {
                    int b;
                    Random r = new Random(Thread.currentThread().threadId());
                    while ((b = next.getAndIncrement()) < batches) {
                        StringBuilder batch = new StringBuilder(500 * 260).append('[');
                        for (int i = 0; i < 500; i++) {
                            batch.append(i == 0 ? "" : ",").append(session(run + "-" + b + "-" + i,
                                    "cus_" + r.nextInt(customers), live()));
                        }
                        if (post("application/cloudevents-batch+json", batch.append(']').toString()) != 202) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        if (failures.get() > 0) {
            System.out.printf("  %d batches refused%n", failures.get());
        }
        return batches * 500 / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * {@code rate} events/s in batches of 20 every 10 ms (open loop), and every 100 ms a probe: one event for a
     * fresh customer, then its profile polled every {@value #POLL_MILLIS} ms until it shows that event (each probe
     * waiting a second keeps 40 reads a second going: faster polling would make the probes' reads, not the events, the
     * load being measured).
     */
    private double[] latency(int rate, int seconds, int customers) throws Exception {
        int perTick = rate / 100;
        int ticks = seconds * 100;
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        String run = Long.toHexString(System.nanoTime());
        long start = System.nanoTime() + 50_000_000L;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int tick = 0; tick < ticks; tick++) {
                long due = start + tick * 10_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the load generator
                }
                int t = tick;
                if (tick % 10 == 0) {
                    senders.submit(() -> probe(run + "-probe-" + t, latencies));
                    continue;
                }
                senders.submit(() -> {
                    StringBuilder batch = new StringBuilder(perTick * 260).append('[');
                    Random r = new Random(t);
                    for (int i = 0; i < perTick; i++) {
                        batch.append(i == 0 ? "" : ",").append(session(run + "-" + t + "-" + i,
                                "cus_" + r.nextInt(customers), live()));
                    }
                    post("application/cloudevents-batch+json", batch.append(']').toString());
                });
            }
        }
        return latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private void probe(String customer, ConcurrentLinkedQueue<Double> latencies) {
        Instant at = live().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String event = "[" + session(customer, customer, at) + "]";
        if (post("application/cloudevents-batch+json", event) != 202) {
            return;
        }
        long accepted = System.nanoTime();
        String expected = "\"lastEventAt\":\"" + at + "\"";
        for (int i = 0; i < 60_000 / POLL_MILLIS; i++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(scoringUrl
                                + "/v1/customers/" + customer)).header("Authorization", "Bearer " + apiKey).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains(expected)) {
                    latencies.add((System.nanoTime() - accepted) / 1e6);
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS); // polling the API like a dashboard would
            } catch (Exception e) {
                return;
            }
        }
    }

    /** Event time for what is sent now: on from the backlog's end as the wall clock moves. */
    private Instant live() {
        return liveFrom.plusNanos(System.nanoTime() - liveSince);
    }

    private String session(String id, String customer, Instant at) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/bench\",\"type\":\"usage.session\","
                + "\"subject\":\"" + customer + "\",\"time\":\"" + at + "\",\"data\":{\"durationSeconds\":300}}";
    }

    private int post(String contentType, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(ingestionUrl + "/v1/events"))
                    .header("Authorization", "Bearer " + apiKey).header("Content-Type", contentType)
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * Writes {@code profiles} profiles due for a look (half silent past the weekly cadence, half only due for a
     * refresh of their time-driven signals), then times one detector pass over them.
     */
    private String dormancy(String store, String uri, int profiles) throws Exception {
        try (MongoClient client = MongoClients.create(uri)) {
            String database = "rebound_bench_dormancy_" + Long.toHexString(System.nanoTime());
            MongoTemplate mongo = new MongoTemplate(client, database);
            Instant now = Instant.now();
            long t0 = System.nanoTime();
            List<Document> page = new ArrayList<>(10_000);
            for (int i = 0; i < profiles; i++) {
                boolean silent = i % 2 == 0;
                Instant active = now.minus(Duration.ofDays(silent ? 30 : 2));
                page.add(new Document("_id", "bench:cus_" + i).append("tenantId", "bench").append("customerId", "cus_" + i)
                        .append("version", 1L).append("stage", "ACTIVE").append("stageSince", Date.from(active))
                        .append("firstSeenAt", Date.from(active.minus(Duration.ofDays(60))))
                        .append("signedUpAt", Date.from(active.minus(Duration.ofDays(60))))
                        .append("lastActiveAt", Date.from(active)).append("lastEventAt", Date.from(active))
                        .append("sessions", 20).append("riskTier", "LOW").append("riskScore", 0)
                        .append("nextLookAt", Date.from(silent ? active.plus(Duration.ofDays(21)) : now.minusSeconds(60))));
                if (page.size() == 10_000) {
                    mongo.getCollection(MongoProfileStore.COLLECTION).insertMany(page, new InsertManyOptions().ordered(false));
                    page = new ArrayList<>(10_000);
                }
            }
            if (!page.isEmpty()) {
                mongo.getCollection(MongoProfileStore.COLLECTION).insertMany(page);
            }
            double written = (System.nanoTime() - t0) / 1e9;
            MongoProfileStore profilesStore = new MongoProfileStore(mongo);
            profilesStore.declareIndexes();
            ProfileUpdating updating = new ProfileUpdating(profilesStore, TuningBook.fixed(Tuning.defaults()),
                    ChurnModelBook.none(), 0.5, NO_SEEN, Watermarks.WALL_CLOCK, Clock.systemUTC(), ScoringObserver.NONE);
            DormancyDetector detector = new DormancyDetector(profilesStore, profilesStore, updating, Clock.systemUTC());
            t0 = System.nanoTime();
            DormancyDetector.Pass pass = detector.pass(p -> { });
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("  written in %.0f s; pass: %,d looked at, %,d changed, in %.1f s%n", written,
                    pass.looked(), pass.changed(), seconds);
            client.getDatabase(database).drop();
            return String.format("| (c) one dormancy pass, %,d due profiles, %s (%,d became dormant) | %.1f s (%,.0f profiles/s) |%n",
                    profiles, store, pass.changed(), seconds, pass.looked() / seconds);
        }
    }

    /** The detector writes no event ids: it applies no events. */
    private static final SeenEvents NO_SEEN = new SeenEvents() {
        @Override
        public Set<String> seenAmong(Collection<String> keys) {
            return Set.of();
        }

        @Override
        public void remember(Collection<String> keys) {
        }
    };

    private static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}

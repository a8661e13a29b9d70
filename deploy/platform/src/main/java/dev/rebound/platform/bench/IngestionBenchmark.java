package dev.rebound.platform.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures, in one run against one running platform: (c) the raw Kafka producer throughput on the platform's
 * broker (300-byte records, acks=all, idempotent, the producer settings ingestion uses), (a) batched ingestion
 * throughput (batches of 500 events of ~300 bytes over HTTP), and (b) single-event POST latency at a fixed
 * request rate (open loop: latency counts from the scheduled send time). Prints the ratio (a)/(c).
 */
public final class IngestionBenchmark {

    private static final int EVENT_BYTES = 300;
    private final String ingestionUrl;
    private final String apiKey;
    private final String bootstrapServers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String runId = Long.toHexString(System.nanoTime());
    private boolean consumersRunning = true;

    public IngestionBenchmark(String ingestionUrl, String apiKey, String bootstrapServers) {
        this.ingestionUrl = ingestionUrl;
        this.apiKey = apiKey;
        this.bootstrapServers = bootstrapServers;
    }

    public record Results(double rawPerSecond, double ingestionPerSecond, double p50Millis, double p99Millis,
                          double maxMillis, int latencyRequests, int rate, int failures) {

        double ratio() {
            return ingestionPerSecond / rawPerSecond;
        }

        public String report() {
            return """
                    | measure | result |
                    |---|---|
                    | (c) raw Kafka producer, 300 B records, acks=all, idempotent | %,.0f records/s |
                    | (a) batched ingestion, batches of 500 × 300 B events | %,.0f events/s |
                    | (a)/(c) | %.1f %% |
                    | (b) single-event POST at %d requests/s (%d requests) | p50 %.1f ms, p99 %.1f ms, max %.1f ms |
                    | failed requests | %d |
                    """.formatted(rawPerSecond, ingestionPerSecond, ratio() * 100, rate, latencyRequests, p50Millis,
                    p99Millis, maxMillis, failures);
        }
    }

    public Results run(boolean consumersRunning, int rawRecords, int batchedEvents, int rate, int latencySeconds)
            throws Exception {
        this.consumersRunning = consumersRunning;
        AtomicInteger failures = new AtomicInteger();
        System.out.println("warming up...");
        batched(20_000, failures);
        latency(200, 5, failures);
        failures.set(0);
        awaitConsumersIdle();
        System.out.println("(c) raw producer, " + rawRecords + " records...");
        double raw = rawProducer(rawRecords);
        System.out.println("(a) batched ingestion, " + batchedEvents + " events...");
        double ingested = batched(batchedEvents, failures);
        awaitConsumersIdle();
        System.out.println("(b) single events at " + rate + "/s for " + latencySeconds + " s...");
        double[] latencies = latency(rate, latencySeconds, failures);
        return new Results(raw, ingested, percentile(latencies, 50), percentile(latencies, 99),
                latencies[latencies.length - 1], latencies.length, rate, failures.get());
    }

    /**
     * Waits until scoring, campaign and billing-recovery have consumed everything, so each measurement starts
     * from a quiet platform instead of competing with the previous phase's backlog.
     */
    private void awaitConsumersIdle() throws Exception {
        if (!consumersRunning) {
            return;
        }
        try (ConsumerLag lag = new ConsumerLag(bootstrapServers)) {
            System.out.printf("  consumers idle after %.0f s%n",
                    lag.awaitIdle(List.of("scoring", "campaign", "billing-recovery"), 2000));
        }
    }

    private double rawProducer(int records) throws Exception {
        String topic = "rebound.bench.raw";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            }
        }
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2);
        byte[] value = event("raw", 0).getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "bench:cus_" + (i % 10_000), value));
            }
            producer.flush();
            return records / ((System.nanoTime() - start) / 1e9);
        }
    }

    private double batched(int events, AtomicInteger failures) throws Exception {
        int batches = events / 500;
        int clients = 4;
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    int b;
                    while ((b = next.getAndIncrement()) < batches) {
                        StringBuilder batch = new StringBuilder(500 * (EVENT_BYTES + 1) + 2).append('[');
                        for (int i = 0; i < 500; i++) {
                            batch.append(i == 0 ? "" : ",").append(event("b" + b, i));
                        }
                        HttpResponse<String> response = post("application/cloudevents-batch+json", batch.append(']').toString());
                        if (response == null || response.statusCode() != 202) {
                            failures.incrementAndGet();
                        }
                        if (b > 0 && b % 50 == 0) {
                            System.out.printf("  %,d events in %.0f s%n", b * 500, (System.nanoTime() - start) / 1e9);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        return batches * 500 / ((System.nanoTime() - start) / 1e9);
    }

    /** Open loop: request i is due at start + i/rate; its latency runs from when it was due. */
    private double[] latency(int rate, int seconds, AtomicInteger failures) throws Exception {
        int requests = rate * seconds;
        long[] latencies = new long[requests];
        AtomicLong done = new AtomicLong();
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the load generator, not waiting for a result
                }
                int index = i;
                senders.submit(() -> {
                    HttpResponse<String> response = post("application/cloudevents+json", event("s", index));
                    latencies[index] = System.nanoTime() - due;
                    if (response == null || response.statusCode() != 202) {
                        failures.incrementAndGet();
                    }
                    done.incrementAndGet();
                });
            }
        }
        return Arrays.stream(latencies).sorted().mapToDouble(n -> n / 1e6).toArray();
    }

    private HttpResponse<String> post(String contentType, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(ingestionUrl + "/v1/events"))
                    .header("Authorization", "Bearer " + apiKey).header("Content-Type", contentType)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return null;
        }
    }

    /** A usage.feature_used event padded to about 300 bytes of JSON. */
    private String event(String prefix, int i) {
        String head = "{\"specversion\":\"1.0\",\"id\":\"" + runId + "-" + prefix + "-" + i
                + "\",\"source\":\"/bench\",\"type\":\"usage.feature_used\",\"subject\":\"cus_" + (i % 10_000)
                + "\",\"data\":{\"count\":1,\"feature\":\"";
        String tail = "\"}}";
        int pad = Math.max(1, EVENT_BYTES - head.length() - tail.length());
        return head + "reports-" + "x".repeat(Math.max(0, pad - 8)) + tail;
    }

    private static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}

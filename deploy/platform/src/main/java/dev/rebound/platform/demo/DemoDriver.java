package dev.rebound.platform.demo;

import dev.rebound.platform.demo.DemoCustomerBase.DemoEvent;
import dev.rebound.platform.demo.DemoCustomerBase.LiveEvent;
import dev.rebound.platform.demo.DemoCustomerBase.Persona;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a {@link DemoCustomerBase} through ingestion's public API, as a product and its billing system would: first
 * the history, replayed in event time on a clock that runs {@code speed} times faster than real time (a month in
 * well under a minute), then the present at real time: the personas' live stories (a trial converting, a card
 * updated, a churned customer coming back, a feature shipping), a stream of everyday sessions and sign-ups, and now
 * and then a malformed event from a client with a bug (ingestion rejects it, naming the field). Declares the demo's
 * scoring settings first (a daily product and its key features) through scoring's config API.
 */
public final class DemoDriver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 250;

    private final String ingestion;
    private final String scoring;
    private final String apiKey;
    private final DemoCustomerBase base;
    private final double speed;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong eventIds = new AtomicLong();
    private volatile Instant presentReachedAt;
    private Thread thread;

    public DemoDriver(String ingestionUrl, String scoringUrl, String apiKey, DemoCustomerBase base, double speed,
                      Clock clock) {
        this.ingestion = ingestionUrl;
        this.scoring = scoringUrl;
        this.apiKey = apiKey;
        this.base = base;
        this.speed = speed;
        this.clock = clock;
    }

    /** Starts driving on a thread of its own; returns at once. */
    public DemoDriver start() {
        thread = Thread.ofPlatform().daemon().name("rebound-demo").start(() -> {
            try {
                run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                if (!stopped.get()) {
                    System.err.println("demo stopped: " + e);
                }
            }
        });
        return this;
    }

    /** Events ingestion accepted (202) and rejected so far. */
    public long accepted() {
        return accepted.get();
    }

    public long rejected() {
        return rejected.get();
    }

    /** When the replay reached the present (null before). */
    public Instant presentReachedAt() {
        return presentReachedAt;
    }

    private void run() throws Exception {
        configureScoring();
        replayHistory();
        presentReachedAt = clock.instant();
        System.out.printf("demo: %,d customers' history replayed (%,d events accepted, %,d rejected); now live%n",
                base.size(), accepted.get(), rejected.get());
        playLive();
    }

    private void configureScoring() throws Exception {
        String settings = JSON.writeValueAsString(Map.of("cadence", "daily", "keyFeatures", DemoCustomerBase.KEY_FEATURES));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(scoring + "/v1/scoring/config"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(settings)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("scoring refused the demo's settings: " + answer.statusCode() + " " + answer.body());
        }
    }

    /** The history in event-time order; the replay clock never runs ahead of {@code speed} × the time spent. */
    private void replayHistory() throws Exception {
        List<DemoEvent> history = base.history();
        if (history.isEmpty()) {
            return;
        }
        Instant from = history.getFirst().time();
        long started = System.nanoTime();
        int next = 0;
        while (next < history.size() && !stopped.get()) {
            double elapsed = (System.nanoTime() - started) / 1e9;
            Instant replayNow = from.plusMillis((long) (elapsed * speed * 1000));
            List<DemoEvent> batch = new ArrayList<>(BATCH);
            while (next < history.size() && batch.size() < BATCH && !history.get(next).time().isAfter(replayNow)) {
                batch.add(history.get(next++));
            }
            if (batch.isEmpty()) {
                Thread.sleep(20);
            } else {
                send(batch);
            }
        }
    }

    private void playLive() throws Exception {
        List<LiveEvent> stories = new ArrayList<>(base.live());
        String feature = base.customers(Persona.SUPPORT).getFirst();
        stories.add(new LiveEvent(Duration.ofSeconds(45), new DemoEvent(null, "feature.released", feature,
                Map.of("feature", "sso", "description", "Single sign-on with SAML 2.0 and SCIM provisioning"))));
        stories.sort((a, b) -> a.after().compareTo(b.after()));
        List<String> everyday = new ArrayList<>();
        everyday.addAll(base.customers(Persona.STEADY));
        everyday.addAll(base.customers(Persona.SUPPORT));
        everyday.addAll(base.customers(Persona.CARD));
        Random random = new Random(7);
        long started = System.nanoTime();
        int next = 0;
        int newCustomers = 0;
        for (long tick = 0; !stopped.get(); tick++) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            List<DemoEvent> batch = new ArrayList<>();
            while (next < stories.size() && stories.get(next).after().compareTo(elapsed) <= 0) {
                batch.add(stories.get(next++).event());
            }
            // everyday use: a few sessions a second, a feature now and then
            for (int i = 0; i < 5 && !everyday.isEmpty(); i++) {
                String customer = everyday.get(random.nextInt(everyday.size()));
                batch.add(new DemoEvent(null, "usage.session", customer, Map.of("durationSeconds", 60 + random.nextInt(1500))));
                if (random.nextInt(4) == 0) {
                    batch.add(new DemoEvent(null, "usage.feature_used", customer, Map.of("feature",
                            DemoCustomerBase.KEY_FEATURES.get(random.nextInt(4)), "count", 1)));
                }
            }
            if (tick % 10 == 5) {
                String customer = "cus_new_%04d".formatted(++newCustomers);
                batch.add(new DemoEvent(null, "customer.signed_up", customer, Map.of("plan", "starter", "mrr", 1900,
                        "currency", "USD", "email", customer + "@example.com", "timezone", "Europe/Berlin")));
            }
            send(batch);
            if (tick % 20 == 10) {
                sendMalformed();
            }
            Thread.sleep(1000);
        }
    }

    private void send(List<DemoEvent> events) throws Exception {
        if (events.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Map<String, Object>> body = new ArrayList<>(events.size());
        for (DemoEvent e : events) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("specversion", "1.0");
            event.put("id", "demo-" + runId + "-" + eventIds.incrementAndGet());
            event.put("source", "/demo/" + (e.type().startsWith("payment") ? "billing" : "product"));
            event.put("type", e.type());
            event.put("subject", e.customer());
            event.put("time", (e.time() == null ? now : e.time()).toString());
            event.put("data", e.data());
            body.add(event);
        }
        post(JSON.writeValueAsString(body), events.size());
    }

    /** A client with a bug: a session whose duration is text. Ingestion answers 400 naming data.durationSeconds. */
    private void sendMalformed() throws Exception {
        String event = JSON.writeValueAsString(List.of(Map.of("specversion", "1.0", "id", "demo-" + runId + "-bad-"
                + eventIds.incrementAndGet(), "source", "/demo/buggy-client", "type", "usage.session", "subject",
                "cus_steady_0001", "data", Map.of("durationSeconds", "twelve minutes"))));
        post(event, 1);
    }

    private void post(String body, int count) throws Exception {
        for (int attempt = 0; !stopped.get(); attempt++) {
            HttpResponse<String> answer;
            try {
                answer = http.send(HttpRequest.newBuilder(URI.create(ingestion + "/v1/events"))
                        .header("Authorization", "Bearer " + apiKey)
                        .header("Content-Type", "application/cloudevents-batch+json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                Thread.sleep(Math.min(5_000, 200L << Math.min(attempt, 5)));
                continue;
            }
            int status = answer.statusCode();
            if (status == 429 || status == 503) {
                long wait = answer.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(Math.max(200, Math.min(wait, 10) * 1000));
                continue;
            }
            if (status == 202) {
                var json = JSON.readTree(answer.body());
                long ok = json.path("accepted").asLong();
                accepted.addAndGet(ok);
                rejected.addAndGet(count - ok);
            } else {
                rejected.addAndGet(count);
            }
            return;
        }
    }

    @Override
    public void close() {
        stopped.set(true);
        if (thread != null) {
            thread.interrupt();
        }
    }
}

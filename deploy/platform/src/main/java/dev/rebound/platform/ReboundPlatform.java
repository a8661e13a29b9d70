package dev.rebound.platform;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar deploy/platform/target/rebound-platform-*.jar}: the whole platform on one machine. Prints
 * the URLs and the dev API key; Ctrl-C stops everything cleanly. {@code --fast-retries} shortens the
 * processing-error retry schedule to seconds so a dunning demo finishes while you watch; {@code --no-quiet-hours}
 * lets campaign send email at any hour (a walkthrough at night still sees its mail).
 */
public final class ReboundPlatform {

    private ReboundPlatform() {
    }

    public static void main(String[] args) throws Exception {
        PlatformSettings settings = PlatformSettings.fromEnvironment(System.getenv());
        // logback.xml writes here from the first line on, before Spring Boot sets the same property
        System.setProperty("LOG_FILE", settings.dataDir().resolve("logs").resolve("rebound.log").toString());
        if (Arrays.asList(args).contains("--benchmark-recovery")) {
            System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB max heap, Java " + Runtime.version());
            System.out.println(dev.rebound.platform.bench.RecoveryBenchmark.run(intArg("REBOUND_BENCH_DUE", 2_000),
                    intArg("REBOUND_BENCH_INVOICES", 10_000)));
            return;
        }
        if (Arrays.asList(args).contains("--benchmark-campaign")) {
            runCampaignBenchmark(settings);
            return;
        }
        if (Arrays.asList(args).contains("--benchmark-scoring")) {
            runScoringBenchmark(settings);
            return;
        }
        if (Arrays.asList(args).contains("--benchmark")) {
            runBenchmark(settings);
            return;
        }
        if (Arrays.asList(args).contains("--demo")) {
            runDemo(settings);
            return;
        }
        Map<String, String> extra = new java.util.HashMap<>();
        if (Arrays.asList(args).contains("--fast-retries")) {
            extra.put("rebound.recovery.schedule.processing-error", "10s,30s,1m");
        }
        if (Arrays.asList(args).contains("--no-quiet-hours")) {
            // campaign otherwise holds email sent at night (21:00-08:00 in the customer's zone) until the morning
            extra.put("rebound.campaign.respect.quiet-from", "00:00");
            extra.put("rebound.campaign.respect.quiet-until", "00:00");
        }
        settings = settings.withExtraProperties(extra);
        long started = System.nanoTime();
        Platform platform = Platform.start(settings);
        long seconds = Math.round((System.nanoTime() - started) / 1e9);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Rebound...");
            platform.close();
            stopped.countDown();
        }, "rebound-shutdown"));
        System.out.println(banner(settings, platform, seconds));
        stopped.await();
    }

    /** {@code --demo}: a fresh platform driven by a simulated customer base until Ctrl-C (see {@link Demo}). */
    private static void runDemo(PlatformSettings base) throws Exception {
        PlatformSettings settings = Demo.settings(base);
        System.setProperty("LOG_FILE", settings.dataDir().resolve("logs").resolve("rebound.log").toString());
        long started = System.nanoTime();
        Platform platform = Platform.start(settings);
        long seconds = Math.round((System.nanoTime() - started) / 1e9);
        var customers = Demo.customers(intArg("REBOUND_DEMO_CUSTOMERS", Demo.DEFAULT_CUSTOMERS));
        String speed = System.getenv("REBOUND_DEMO_SPEED");
        var driver = Demo.drive(platform, settings, customers,
                speed == null || speed.isBlank() ? Demo.DEFAULT_SPEED : Double.parseDouble(speed));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Rebound...");
            driver.close();
            platform.close();
            stopped.countDown();
        }, "rebound-shutdown"));
        System.out.println(banner(settings, platform, seconds));
        System.out.println(Demo.tour(platform, customers));
        stopped.await();
    }

    /**
     * {@code --benchmark}: starts the platform on a fresh data directory, measures ingestion against the raw
     * producer on the same broker, prints the figures, stops.
     */
    private static void runBenchmark(PlatformSettings base) throws Exception {
        PlatformSettings settings = benchmarkSettings(base);
        try (Platform platform = Platform.start(settings)) {
            var bench = new dev.rebound.platform.bench.IngestionBenchmark("http://localhost:" + platform.port("ingestion"),
                    settings.devApiKey(), platform.kafkaBootstrapServers());
            var results = bench.run(!"off".equals(System.getenv("REBOUND_BENCH_CONSUMERS")),intArg("REBOUND_BENCH_RAW", 300_000), intArg("REBOUND_BENCH_EVENTS", 100_000),
                    intArg("REBOUND_BENCH_RATE", 500), intArg("REBOUND_BENCH_SECONDS", 20));
            System.out.println();
            System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB max heap, Java " + Runtime.version());
            System.out.println(results.report());
        }
    }

    /**
     * {@code --benchmark-scoring}: starts the platform on a fresh data directory and measures scoring: throughput with
     * 100,000 customers beside ingestion's batched rate, 202-to-readable latency at 2,000 events/s, and a dormancy
     * pass over 1,000,000 profiles (on the platform's store and on one in memory).
     */
    private static void runScoringBenchmark(PlatformSettings base) throws Exception {
        PlatformSettings settings = benchmarkSettings(base);
        try (Platform platform = Platform.start(settings)) {
            var bench = new dev.rebound.platform.bench.ScoringBenchmark("http://localhost:" + platform.port("ingestion"),
                    "http://localhost:" + platform.port("scoring"), settings.devApiKey(), settings.devTenant(),
                    platform.kafkaBootstrapServers(), platform.mongoUri());
            String report = bench.run(intArg("REBOUND_BENCH_CUSTOMERS", 100_000), intArg("REBOUND_BENCH_BACKLOG", 200_000),
                    intArg("REBOUND_BENCH_EVENTS", 100_000), intArg("REBOUND_BENCH_RATE", 2_000),
                    intArg("REBOUND_BENCH_SECONDS", 30), intArg("REBOUND_BENCH_PROFILES", 1_000_000));
            System.out.println();
            System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB max heap, Java " + Runtime.version());
            System.out.println(report);
        }
    }

    /**
     * {@code --benchmark-campaign}: starts the platform on a fresh data directory with the contact rules that hold
     * messages back set aside (quiet hours, holdout, weekly budget), and measures win-back messages sent per second and
     * the time from trigger to mail.
     */
    private static void runCampaignBenchmark(PlatformSettings base) throws Exception {
        PlatformSettings bench = benchmarkSettings(base);
        Map<String, String> properties = new java.util.HashMap<>(bench.extraProperties());
        properties.put("rebound.campaign.respect.quiet-from", "00:00");
        properties.put("rebound.campaign.respect.quiet-until", "00:00");
        properties.put("rebound.campaign.respect.holdout-percent", "0");
        properties.put("rebound.campaign.respect.marketing-budget", "1000000");
        PlatformSettings settings = bench.withExtraProperties(properties);
        try (Platform platform = Platform.start(settings)) {
            var benchmark = new dev.rebound.platform.bench.CampaignBenchmark(platform.kafkaBootstrapServers(),
                    settings.devTenant(), () -> platform.mail().received().size());
            String report = benchmark.run(intArg("REBOUND_BENCH_CUSTOMERS", 100_000), intArg("REBOUND_BENCH_PROBES", 50));
            System.out.println();
            System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB max heap, Java " + Runtime.version());
            System.out.println(report);
        }
    }

    private static PlatformSettings benchmarkSettings(PlatformSettings base) throws java.io.IOException {
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("rebound-bench");
        System.setProperty("LOG_FILE", data.resolve("logs").resolve("rebound.log").toString());
        return new PlatformSettings(data, base.devApiKey(), "bench", base.devStripeSecret(),
                base.adminToken(), base.unsubscribeSecret(), base.kafkaPort(),
                base.kafkaControllerPort(), base.mongoPort(), base.smtpPort(), base.mailViewerPort(), base.gatewayPort(),
                base.ingestionPort(), base.scoringPort(), base.campaignPort(), base.recoveryPort(),
                benchmarkProperties());
    }

    /** Benchmark runs are not rate limited; REBOUND_BENCH_DEDUP=off measures without the dedup window. */
    private static Map<String, String> benchmarkProperties() {
        Map<String, String> properties = new java.util.HashMap<>(Map.of("rebound.ingestion.tenant-rate-limits.bench", "100000000"));
        if ("off".equals(System.getenv("REBOUND_BENCH_DEDUP"))) {
            properties.put("rebound.ingestion.dedup-window", "0s");
        }
        if ("off".equals(System.getenv("REBOUND_BENCH_CONSUMERS"))) {
            // isolates ingestion: scoring, campaign and billing-recovery stay up but do not consume
            for (String binding : new String[]{"scoringEvents", "campaignEvents", "billingEvents"}) {
                properties.put("spring.cloud.stream.bindings." + binding + "-in-0.consumer.auto-startup", "false");
            }
        }
        return properties;
    }

    private static int intArg(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }

    private static String banner(PlatformSettings s, Platform p, long seconds) {
        return """

                Rebound is up (%d s). Data: %s

                  ingestion         http://localhost:%d   POST /v1/events, /v1/webhooks/stripe, /openapi.yaml
                  scoring           http://localhost:%d   GET /v1/customers/{id}
                  campaign          http://localhost:%d   GET /v1/customers/{id}/messages
                  billing-recovery  http://localhost:%d   GET /v1/invoices/{id}/recovery
                  mail sink         %s (SMTP on 127.0.0.1:%d)
                  gateway simulator %s  (Stripe-compatible)
                  SMS simulator     %s/simulator/messages  (Twilio-compatible)
                  Kafka             %s
                  MongoDB           %s

                  dev tenant: %s
                  dev API key: %s
                  Stripe webhook signing secret (dev tenant): %s
                  admin token (/admin/tenants/{tenant}/keys): %s

                Try:  export REBOUND_KEY=%s
                Stop: Ctrl-C
                """.formatted(seconds, s.dataDir(), p.port("ingestion"), p.port("scoring"), p.port("campaign"),
                p.port("billing-recovery"), p.mail().viewerUrl(), p.mail().smtpPort(), p.gateway().baseUrl(), p.sms().baseUrl(),
                p.kafkaBootstrapServers(), p.mongoUri(), s.devTenant(), s.devApiKey(), s.devStripeSecret(), s.adminToken(),
                s.devApiKey());
    }
}

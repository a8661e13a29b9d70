package dev.rebound.platform;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar deploy/platform/target/rebound-platform-*.jar}: the whole platform on one machine. Prints
 * the URLs and the dev API key; Ctrl-C stops everything cleanly. {@code --fast-retries} shortens the
 * processing-error retry schedule to seconds so a dunning demo finishes while you watch.
 */
public final class ReboundPlatform {

    private ReboundPlatform() {
    }

    public static void main(String[] args) throws Exception {
        PlatformSettings settings = PlatformSettings.fromEnvironment(System.getenv());
        // logback.xml writes here from the first line on, before Spring Boot sets the same property
        System.setProperty("LOG_FILE", settings.dataDir().resolve("logs").resolve("rebound.log").toString());
        if (Arrays.asList(args).contains("--fast-retries")) {
            settings = settings.withExtraProperties(Map.of("rebound.recovery.schedule.processing-error", "10s,30s,1m"));
        }
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

    private static String banner(PlatformSettings s, Platform p, long seconds) {
        return """

                Rebound is up (%d s). Data: %s

                  ingestion         http://localhost:%d   POST /v1/events
                  scoring           http://localhost:%d   GET /v1/customers/{id}
                  campaign          http://localhost:%d   GET /v1/customers/{id}/messages
                  billing-recovery  http://localhost:%d   GET /v1/invoices/{id}/recovery
                  mail sink         %s (SMTP on 127.0.0.1:%d)
                  gateway simulator %s  (Stripe-compatible)
                  Kafka             %s
                  MongoDB           %s

                  dev tenant: %s
                  dev API key: %s

                Try:  export REBOUND_KEY=%s
                Stop: Ctrl-C
                """.formatted(seconds, s.dataDir(), p.port("ingestion"), p.port("scoring"), p.port("campaign"),
                p.port("billing-recovery"), p.mail().viewerUrl(), p.mail().smtpPort(), p.gateway().baseUrl(),
                p.kafkaBootstrapServers(), p.mongoUri(), s.devTenant(), s.devApiKey(), s.devApiKey());
    }
}

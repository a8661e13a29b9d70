package dev.rebound.platform;

import dev.rebound.platform.demo.DemoCustomerBase;
import dev.rebound.platform.demo.DemoCustomerBase.Persona;
import dev.rebound.platform.demo.DemoDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;

/**
 * {@code ./rebound --demo}: the platform on a fresh data directory (a demo is thrown away),
 * driven by a simulated customer base ({@code REBOUND_DEMO_CUSTOMERS}, default 2,000) whose last month is replayed
 * {@code REBOUND_DEMO_SPEED} times faster than real time (default 100,000: 32 days in under 30 s), then live.
 */
final class Demo {

    static final int DEFAULT_CUSTOMERS = 2_000;
    static final double DEFAULT_SPEED = 100_000;
    /** Fixed: the same customers and stories every run, so the README's tour can name them. */
    static final long SEED = 42;

    private Demo() {
    }

    /** Where a demo runs: a fresh directory, the dev tenant and key of {@code base}, the demo's settings. */
    static PlatformSettings settings(PlatformSettings base) throws IOException {
        var data = Files.createTempDirectory("rebound-demo");
        return new PlatformSettings(data, base.devApiKey(), base.devTenant(), base.devStripeSecret(), base.adminToken(),
                base.unsubscribeSecret(), base.kafkaPort(), base.kafkaControllerPort(), base.mongoPort(),
                base.smtpPort(), base.mailViewerPort(), base.gatewayPort(), base.ingestionPort(), base.scoringPort(),
                base.campaignPort(), base.recoveryPort(), properties(base.extraProperties()));
    }

    /**
     * What a demo changes: processing-error retries in seconds (so recoveries happen while you watch) and the
     * customer-base gauges recounted every 10 s. Contact rules (quiet hours, budget, holdout) stay as shipped.
     */
    static Map<String, String> properties(Map<String, String> extra) {
        Map<String, String> properties = new java.util.HashMap<>(extra);
        properties.putIfAbsent("rebound.recovery.schedule.processing-error", "10s,30s,1m");
        properties.putIfAbsent("rebound.scoring.dormancy-check", "10s");
        properties.putIfAbsent("rebound.scoring.customer-count", "10s");
        return properties;
    }

    static DemoCustomerBase customers(int size) {
        return DemoCustomerBase.generate(size, Clock.systemUTC().instant(), SEED);
    }

    static DemoDriver drive(Platform platform, PlatformSettings settings, DemoCustomerBase base, double speed) {
        return new DemoDriver("http://localhost:" + platform.port("ingestion"), "http://localhost:" + platform.port("scoring"),
                settings.devApiKey(), base, speed, Clock.systemUTC()).start();
    }

    /** What to look at, with customers of each persona. */
    static String tour(Platform p, DemoCustomerBase base) {
        java.time.Instant today = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                .plus(java.time.Duration.ofDays(1));
        java.time.Instant monthAgo = today.minus(java.time.Duration.ofDays(30));
        StringBuilder text = new StringBuilder("""
                Demo: %,d simulated customers; their last month is being replayed, then they live on.
                Within two minutes every API answers with data; for example (export REBOUND_KEY first):
                  curl -s -H "Authorization: Bearer $REBOUND_KEY" 'localhost:%d/v1/customers?tier=HIGH&sort=mrr'
                  curl -s -H "Authorization: Bearer $REBOUND_KEY" 'localhost:%d/v1/customers/cus_declining_0001'
                  curl -s -H "Authorization: Bearer $REBOUND_KEY" 'localhost:%d/v1/metrics/retention?from=%s&to=%s'
                  curl -s -H "Authorization: Bearer $REBOUND_KEY" 'localhost:%d/v1/customers/cus_price_0001/messages'
                  curl -s -H "Authorization: Bearer $REBOUND_KEY" 'localhost:%d/v1/playbooks/winback/stats'
                  curl -s -H "Authorization: Bearer $REBOUND_KEY" 'localhost:%d/v1/recovery/stats?from=%s&to=%s'
                  curl -s -H "Authorization: Bearer $REBOUND_KEY" 'localhost:%d/v1/invoices/%s/recovery'
                Personas:
                """.formatted(base.size(), p.port("scoring"), p.port("scoring"), p.port("scoring"), monthAgo, today, p.port("campaign"),
                p.port("campaign"), p.port("billing-recovery"), monthAgo, today, p.port("billing-recovery"), base.invoices().getFirst()));
        for (Persona persona : Persona.values()) {
            text.append("  %-13s %4d  e.g. %s: %s%n".formatted(persona.id(), base.customers(persona).size(),
                    base.customers(persona).getFirst(), persona.story()));
        }
        return text.append("  Mail: ").append(p.mail().viewerUrl()).append("   Metrics: /actuator/prometheus on each port")
                .toString();
    }
}

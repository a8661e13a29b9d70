package dev.rebound.platform;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where and how the embedded platform runs. From the environment: {@code REBOUND_DATA_DIR} (default
 * {@code ./rebound-data}), {@code REBOUND_DEV_API_KEY}, {@code REBOUND_DEV_STRIPE_WEBHOOK_SECRET} and
 * {@code REBOUND_ADMIN_TOKEN}, {@code REBOUND_UNSUBSCRIBE_SECRET} (each generated when unset), {@code REBOUND_DEV_TENANT} (default {@code dev}).
 * Ports are the documented defaults; tests pass 0 for "any free port".
 */
record PlatformSettings(Path dataDir, String devApiKey, String devTenant, String devStripeSecret, String adminToken,
                        String unsubscribeSecret,
                        int kafkaPort, int kafkaControllerPort,
                        int mongoPort, int smtpPort, int mailViewerPort, int gatewayPort, int ingestionPort,
                        int scoringPort, int campaignPort, int recoveryPort, Map<String, String> extraProperties) {

    static PlatformSettings fromEnvironment(Map<String, String> env) {
        return new PlatformSettings(Path.of(env.getOrDefault("REBOUND_DATA_DIR", "rebound-data")).toAbsolutePath(),
                orGenerated(env, "REBOUND_DEV_API_KEY", "rb_dev_"), env.getOrDefault("REBOUND_DEV_TENANT", "dev"),
                orGenerated(env, "REBOUND_DEV_STRIPE_WEBHOOK_SECRET", "whsec_"),
                orGenerated(env, "REBOUND_ADMIN_TOKEN", "rb_admin_"),
                orGenerated(env, "REBOUND_UNSUBSCRIBE_SECRET", "unsub_"),
                9092, 9093, 27017, 2525, 8025, 12111, 8081, 8082, 8083, 8084, Map.of());
    }

    PlatformSettings withExtraProperties(Map<String, String> properties) {
        return new PlatformSettings(dataDir, devApiKey, devTenant, devStripeSecret, adminToken, unsubscribeSecret,
                kafkaPort,
                kafkaControllerPort, mongoPort,
                smtpPort, mailViewerPort, gatewayPort, ingestionPort, scoringPort, campaignPort, recoveryPort,
                properties);
    }

    private static String orGenerated(Map<String, String> env, String name, String prefix) {
        String value = env.getOrDefault(name, "");
        if (!value.isBlank()) {
            return value;
        }
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}

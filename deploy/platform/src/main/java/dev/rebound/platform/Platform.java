package dev.rebound.platform;

import dev.rebound.campaign.CampaignApplication;
import dev.rebound.ingestion.IngestionApplication;
import dev.rebound.recovery.BillingRecoveryApplication;
import dev.rebound.recovery.infra.gateway.simulator.GatewaySimulator;
import dev.rebound.scoring.ScoringApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything Rebound needs on one machine, started in dependency order and stopped in reverse. */
final class Platform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);
    static final String GATEWAY_SECRET = "sk_test_rebound_simulator";

    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, ConfigurableApplicationContext> services = new LinkedHashMap<>();
    private KafkaNode kafka;
    private MongoNode mongo;
    private MailSink mail;
    private GatewaySimulator gateway;
    private dev.rebound.campaign.infra.sms.simulator.SmsProviderSimulator sms;
    static final String SMS_ACCOUNT = "AC_rebound_simulator";

    static Platform start(PlatformSettings settings) throws Exception {
        Platform platform = new Platform();
        try {
            platform.startAll(settings);
            return platform;
        } catch (Exception | Error e) {
            platform.close();
            throw e;
        }
    }

    private void startAll(PlatformSettings s) throws Exception {
        kafka = track(KafkaNode.start(s.dataDir(), s.kafkaPort(), s.kafkaControllerPort()));
        mongo = track(MongoNode.start(s.dataDir(), s.mongoPort()));
        mail = track(MailSink.start(s.dataDir(), s.smtpPort(), s.mailViewerPort()));
        gateway = track(new GatewaySimulator(s.gatewayPort(), GATEWAY_SECRET, java.time.Clock.systemUTC(),
                s.dataDir().resolve("gateway-idempotency.log")));
        // the SMS provider simulator listens next to the gateway simulator (12112), or on any free port in tests
        sms = track(new dev.rebound.campaign.infra.sms.simulator.SmsProviderSimulator(
                s.gatewayPort() == 0 ? 0 : s.gatewayPort() + 1, SMS_ACCOUNT, s.unsubscribeSecret() + "-sms"));
        List<String> common = new ArrayList<>(List.of(
                "--spring.profiles.active=local",
                "--spring.main.banner-mode=off",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.cloud.stream.kafka.binder.brokers=" + kafka.bootstrapServers(),
                "--spring.mongodb.uri=" + mongo.uri(),
                "--rebound.security.dev-api-key=" + s.devApiKey(),
                "--rebound.security.dev-tenant=" + s.devTenant(),
                "--rebound.security.dev-admin-token=" + s.adminToken(),
                "--rebound.ingestion.stripe.dev-endpoint-secret=" + s.devStripeSecret(),
                "--rebound.campaign.unsubscribe-secret=" + s.unsubscribeSecret(),
                // one ingestion instance: its dedup window has no other instance to catch up with
                "--rebound.ingestion.dedup-catch-up=false",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + mail.smtpPort(),
                "--rebound.recovery.gateway.base-url=" + gateway.baseUrl(),
                "--rebound.recovery.gateway.secret-key=" + GATEWAY_SECRET,
                "--rebound.campaign.sms.base-url=" + sms.baseUrl(),
                "--rebound.campaign.sms.account-sid=" + SMS_ACCOUNT,
                "--rebound.campaign.sms.auth-token=" + s.unsubscribeSecret() + "-sms",
                "--rebound.campaign.sms.from=+15005550006",
                "--logging.file.name=" + s.dataDir().resolve("logs").resolve("rebound.log")));
        s.extraProperties().forEach((key, value) -> common.add("--" + key + "=" + value));
        run("ingestion", IngestionApplication.application(), s.ingestionPort(), common);
        run("scoring", ScoringApplication.application(), s.scoringPort(), common);
        run("campaign", CampaignApplication.application(), s.campaignPort(), common);
        run("billing-recovery", BillingRecoveryApplication.application(), s.recoveryPort(), common);
    }

    private void run(String name, SpringApplication app, int port, List<String> common) {
        List<String> args = new ArrayList<>(common);
        args.add("--server.port=" + port);
        args.add("--spring.mongodb.database=rebound_" + name.replace('-', '_'));
        if (name.equals("campaign")) {
            args.add("--rebound.campaign.public-url=http://localhost:" + port);
        }
        ConfigurableApplicationContext context = app.run(args.toArray(String[]::new));
        services.put(name, context);
        started.add(context::close);
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    /** The HTTP port a service listens on. */
    int port(String service) {
        return Integer.parseInt(services.get(service).getEnvironment().getProperty("local.server.port"));
    }

    /** The Spring context of one service (for tests that enumerate its endpoints). */
    ConfigurableApplicationContext context(String service) {
        return services.get(service);
    }

    /** The services' names, in start order. */
    java.util.Set<String> serviceNames() {
        return services.keySet();
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    String mongoUri() {
        return mongo.uri();
    }

    MailSink mail() {
        return mail;
    }

    GatewaySimulator gateway() {
        return gateway;
    }

    dev.rebound.campaign.infra.sms.simulator.SmsProviderSimulator sms() {
        return sms;
    }

    /** Stops the services first (they finish in-flight work), then the infrastructure. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log.warn("while stopping: {}", e.toString());
            }
        }
        started.clear();
    }
}

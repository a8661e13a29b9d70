package dev.rebound.campaign.infra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.rebound.campaign.contact.ContactRecording;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.CustomerSignedUp;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.LifecycleStageChanged;
import dev.rebound.contracts.data.RiskTier;
import dev.rebound.contracts.data.RiskTierChanged;
import dev.rebound.testsupport.TestInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What a playbook's audience is chosen by is the newest word on the customer, in whatever order events are consumed. */
class MongoContactBookTest {

    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
    private MongoClient client;
    private MongoContactBook book;
    private ContactRecording recording;
    private final String customer = "cus_" + UUID.randomUUID();

    @BeforeEach
    void start() {
        client = MongoClients.create(TestInfra.mongoUri());
        book = new MongoContactBook(new MongoTemplate(client, TestInfra.database("campaign_contacts")));
        book.declareIndexes();
        recording = new ContactRecording(book);
    }

    @AfterEach
    void stop() {
        client.close();
    }

    private void stage(LifecycleStage from, LifecycleStage to, Instant at) {
        recording.record(EventJson.event(UUID.randomUUID().toString(), "/rebound/scoring",
                EventType.LIFECYCLE_STAGE_CHANGED, at, "acme", customer, new LifecycleStageChanged(from, to, null, at)));
    }

    private void tier(RiskTier to, List<String> segments, Instant at) {
        recording.record(EventJson.event(UUID.randomUUID().toString(), "/rebound/scoring", EventType.RISK_TIER_CHANGED,
                at, "acme", customer, new RiskTierChanged(RiskTier.LOW, to, 50, List.of(), segments)));
    }

    @Test
    void anOlderStageOrTierConsumedLateDoesNotOverwriteANewerOne() {
        stage(LifecycleStage.DORMANT, LifecycleStage.ACTIVE, T.plusSeconds(60));
        stage(LifecycleStage.ACTIVE, LifecycleStage.DORMANT, T); // older, consumed late
        tier(RiskTier.HIGH, List.of("high_ltv"), T.plusSeconds(60));
        tier(RiskTier.MEDIUM, List.of(), T);
        var contact = book.find("acme", customer).orElseThrow();
        assertThat(contact.stage()).isEqualTo("ACTIVE");
        assertThat(contact.tier()).isEqualTo("HIGH");
        assertThat(contact.segments()).containsExactly("high_ltv");

        stage(LifecycleStage.ACTIVE, LifecycleStage.AT_RISK, T.plusSeconds(120));
        assertThat(book.find("acme", customer).orElseThrow().stage()).isEqualTo("AT_RISK");
    }

    @Test
    void twoConsumersRacingOverOneNewContactLeaveTheNewestWord() throws Exception {
        // two instances, each consuming half of the words (interleaved in time) at once, from no contact at all
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> racing = new java.util.ArrayList<>();
            for (int half = 0; half < 2; half++) {
                int first = half;
                racing.add(pool.submit(() -> {
                    for (int i = first; i < 60; i += 2) {
                        book.updateIfNewer("acme", customer, "stageAt", T.plusSeconds(i),
                                java.util.Map.of("stage", "S" + i));
                    }
                }));
            }
            for (var r : racing) {
                r.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(book.find("acme", customer).orElseThrow().stage()).isEqualTo("S59");
    }

    @Test
    void theSignUpConsumedAfterScoringsWordKeepsBoth() {
        stage(LifecycleStage.ONBOARDING, LifecycleStage.ACTIVE, T);
        recording.record(EventJson.event(UUID.randomUUID().toString(), "/test", EventType.CUSTOMER_SIGNED_UP,
                T.minusSeconds(3600), "acme", customer, new CustomerSignedUp("pro", 4900, "USD", "a@example.com", "ko",
                        null, null)));
        var contact = book.find("acme", customer).orElseThrow();
        assertThat(contact.stage()).isEqualTo("ACTIVE");
        assertThat(contact.plan()).isEqualTo("pro");
        assertThat(contact.email()).isEqualTo("a@example.com");
        assertThat(recording.activated("acme", customer)).isTrue();
    }
}

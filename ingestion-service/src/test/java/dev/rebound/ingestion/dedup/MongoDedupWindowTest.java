package dev.rebound.ingestion.dedup;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.rebound.testsupport.TestInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MongoDedupWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final MongoClient client = MongoClients.create(TestInfra.mongoUri());
    private final MongoTemplate mongo = new MongoTemplate(client, TestInfra.database("ingestion_dedup"));

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aNewInstanceOnTheSameStoreRemembersWhatTheOldOnePublished() {
        String key = "/app " + UUID.randomUUID();
        new MongoDedupWindow(mongo, Duration.ofHours(24)).remember("acme", List.of(key), NOW);

        MongoDedupWindow afterRestart = new MongoDedupWindow(mongo, Duration.ofHours(24));
        assertThat(afterRestart.seen("acme", List.of(key, "/app other"), NOW.plus(Duration.ofHours(23))))
                .containsExactly(key);
    }

    @Test
    void theWindowIsPerTenantAndEnds() {
        String key = "/app " + UUID.randomUUID();
        MongoDedupWindow window = new MongoDedupWindow(mongo, Duration.ofHours(24));
        window.remember("acme", List.of(key), NOW);
        assertThat(window.seen("other-tenant", List.of(key), NOW)).isEmpty();
        assertThat(window.seen("acme", List.of(key), NOW.plus(Duration.ofHours(25)))).isEmpty();
    }
}

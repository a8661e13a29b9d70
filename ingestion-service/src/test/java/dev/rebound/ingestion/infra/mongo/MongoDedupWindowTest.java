package dev.rebound.ingestion.infra.mongo;

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

    private static final Duration DAY = Duration.ofHours(24);
    private final Instant now = Instant.now();
    private final MongoClient client = MongoClients.create(TestInfra.mongoUri());
    private final MongoTemplate mongo = new MongoTemplate(client, TestInfra.database("ingestion_dedup"));

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aRestartedInstanceRemembersWhatTheOldOnePublished() {
        String key = "/app " + UUID.randomUUID();
        new MongoDedupWindow(mongo, DAY, now).remember("acme", List.of(key), now);

        MongoDedupWindow afterRestart = new MongoDedupWindow(mongo, DAY, now.plusSeconds(60));
        assertThat(afterRestart.seen("acme", List.of(key, "/app other"), now.plus(Duration.ofHours(23))))
                .containsExactly(key);
    }

    @Test
    void anotherInstancesKeysAreSeenAfterItCatchesUp() {
        MongoDedupWindow one = new MongoDedupWindow(mongo, DAY, now);
        MongoDedupWindow two = new MongoDedupWindow(mongo, DAY, now);
        String key = "/app " + UUID.randomUUID();
        one.remember("acme", List.of(key), now);
        two.catchUp(now.plusMillis(500));
        assertThat(two.seen("acme", List.of(key), now.plusSeconds(1))).containsExactly(key);
    }

    @Test
    void theWindowIsPerTenantAndEnds() {
        String key = "/app " + UUID.randomUUID();
        MongoDedupWindow window = new MongoDedupWindow(mongo, DAY, now);
        window.remember("acme", List.of(key), now);
        assertThat(window.seen("other-tenant", List.of(key), now)).isEmpty();
        assertThat(window.seen("acme", List.of(key), now.plus(Duration.ofHours(25)))).isEmpty();
    }

    @Test
    void documentsThatLeftTheWindowAreDeleted() {
        String key = "/app " + UUID.randomUUID();
        new MongoDedupWindow(mongo, DAY, now).remember("expiring", List.of(key), now);
        new MongoDedupWindow(mongo, DAY, now).expire(now.plus(Duration.ofHours(25)));
        assertThat(new MongoDedupWindow(mongo, DAY, now).seen("expiring", List.of(key), now)).isEmpty();
    }
}

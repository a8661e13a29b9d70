package dev.rebound.campaign.infra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.rebound.campaign.playbook.PlaybookSettings;
import dev.rebound.testsupport.TestInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A playbook's settings are read from the store at most once per freshness period per instance: a change made through
 * an instance applies there at once, on the others once their copy is older than the period.
 */
class MongoPlaybookSettingsTest {

    private MongoClient client;
    private MongoTemplate mongo;
    private final String tenant = "t_" + UUID.randomUUID();

    @BeforeEach
    void start() {
        client = MongoClients.create(TestInfra.mongoUri());
        mongo = new MongoTemplate(client, TestInfra.database("campaign_settings"));
    }

    @AfterEach
    void stop() {
        client.close();
    }

    private static PlaybookSettings disabledWithKorean() {
        return new PlaybookSettings(false, Duration.ofHours(2), List.of("en", "ko"),
                Map.of("winback-price", Map.of("ko", "{{name}}님, 돌아오세요")), "email");
    }

    @Test
    void aChangeAppliesAtOnceOnTheInstanceThatMadeItAndOnAnotherOnceItsCopyIsStale() {
        var here = new MongoPlaybookSettings(mongo, Duration.ofHours(1));
        var keptLong = new MongoPlaybookSettings(mongo, Duration.ofHours(1));
        var readEachTime = new MongoPlaybookSettings(mongo, Duration.ZERO);
        assertThat(here.find(tenant, "winback")).isEmpty();
        assertThat(keptLong.find(tenant, "winback")).isEmpty();

        here.save(tenant, "winback", disabledWithKorean());

        PlaybookSettings seen = here.find(tenant, "winback").orElseThrow();
        assertThat(seen.enabled()).isFalse();
        assertThat(seen.delay()).isEqualTo(Duration.ofHours(2));
        assertThat(seen.templates()).containsEntry("winback-price", Map.of("ko", "{{name}}님, 돌아오세요"));
        assertThat(readEachTime.find(tenant, "winback")).get().extracting(PlaybookSettings::enabled).isEqualTo(false);
        // within its period, an instance that read the settings before the change still uses what it read
        assertThat(keptLong.find(tenant, "winback")).isEmpty();
        // another tenant's settings are their own
        assertThat(here.find("other-" + tenant, "winback")).isEmpty();
    }
}

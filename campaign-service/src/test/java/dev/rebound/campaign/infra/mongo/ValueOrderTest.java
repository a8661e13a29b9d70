package dev.rebound.campaign.infra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.rebound.campaign.message.CampaignObserver;
import dev.rebound.campaign.message.MessagePlanning;
import dev.rebound.campaign.message.OutboundMessage;
import dev.rebound.campaign.message.PlannedMessage;
import dev.rebound.testsupport.TestInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** When many messages fall due at once, dunning goes first, then win-back by the customers' value segments. */
class ValueOrderTest {

    private MongoClient client;
    private MongoMessageStore store;
    private MongoContactBook contacts;
    private MessagePlanning planning;
    private final String tenant = "t_" + UUID.randomUUID();

    @BeforeEach
    void start() {
        client = MongoClients.create(TestInfra.mongoUri());
        MongoTemplate mongo = new MongoTemplate(client, TestInfra.database("campaign_value_order"));
        mongo.dropCollection(MongoMessageStore.COLLECTION);
        store = new MongoMessageStore(mongo);
        store.declareIndexes();
        contacts = new MongoContactBook(mongo);
        planning = new MessagePlanning(store, Clock.systemUTC(), CampaignObserver.NONE).withValueOrder(contacts);
    }

    @AfterEach
    void stop() {
        client.close();
    }

    private void churned(String customer, List<String> segments, Instant due) {
        contacts.update(tenant, customer, Map.of("email", customer + "@example.com", "segments", segments));
        planning.plan(new PlannedMessage(tenant, customer, "winback", OutboundMessage.Channel.EMAIL, "churn-" + customer,
                "winback", Map.of(), due));
    }

    @Test
    void aBurstOfWinBacksReachesTheMostValuableCustomersFirstAndDunningBeforeThemAll() {
        Instant now = Instant.now();
        churned("cus_plain_early", List.of(), now.minusSeconds(300));
        churned("cus_engaged", List.of("high_engagement"), now.minusSeconds(200));
        churned("cus_valuable", List.of("high_ltv", "high_aov"), now.minusSeconds(10));
        churned("cus_big_orders", List.of("high_aov"), now.minusSeconds(100));
        churned("cus_plain_late", List.of(), now.minusSeconds(50));
        planning.plan(new PlannedMessage(tenant, "cus_owes", "dunning", OutboundMessage.Channel.EMAIL, "invoice:in_1",
                "dunning-payment-failed", Map.of("invoice", "in_1"), now.minusSeconds(1)));

        List<String> order = new ArrayList<>();
        for (String id : store.dueIds(now, 3)) { // the sender's first page
            order.add(store.claim(id, now, Duration.ofMinutes(5)).orElseThrow().customerId());
        }
        for (String id : store.dueIds(now, 10)) { // the next: what the first claimed is not due again
            order.add(store.claim(id, now, Duration.ofMinutes(5)).orElseThrow().customerId());
        }
        assertThat(store.dueIds(now, 10)).isEmpty();
        assertThat(order).containsExactly("cus_owes", "cus_valuable", "cus_big_orders", "cus_engaged",
                "cus_plain_early", "cus_plain_late");
    }
}

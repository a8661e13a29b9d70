package dev.rebound.campaign.infra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.rebound.campaign.message.CampaignObserver;
import dev.rebound.campaign.message.MessagePlanning;
import dev.rebound.campaign.message.MessageStore;
import dev.rebound.campaign.message.OutboundMessage;
import dev.rebound.campaign.message.PlannedMessage;
import dev.rebound.testsupport.TestInfra;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is asked of one customer's messages (budget, cap, exit, credit, inbox) sees exactly that customer's messages,
 * including those stored before the per-customer lists existed, and decisions taken on a stale read never land.
 */
class MongoMessageStoreTest {

    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
    private MongoClient client;
    private MongoTemplate mongo;
    private MongoMessageStore store;
    private MessagePlanning planning;
    private final String tenant = "t_" + UUID.randomUUID();

    @BeforeEach
    void start() {
        client = MongoClients.create(TestInfra.mongoUri());
        mongo = new MongoTemplate(client, TestInfra.database("campaign_messages_" + UUID.randomUUID()));
        store = new MongoMessageStore(mongo);
        store.declareIndexes();
        planning = new MessagePlanning(store, Clock.fixed(T, ZoneOffset.UTC), CampaignObserver.NONE);
    }

    @AfterEach
    void stop() {
        mongo.getDb().drop();
        client.close();
    }

    private String plan(String tenantId, String customer, String playbook, String trigger, Map<String, String> variables) {
        planning.plan(new PlannedMessage(tenantId, customer, playbook, OutboundMessage.Channel.EMAIL, trigger,
                playbook, variables, T));
        return store.forCustomer(tenantId, customer, 100).stream().filter(m -> m.trigger().equals(trigger))
                .findFirst().orElseThrow().id();
    }

    private void send(String id, Instant at) {
        OutboundMessage m = store.claim(id, at, Duration.ofMinutes(1)).orElseThrow();
        store.complete(new OutboundMessage(m.id(), m.tenantId(), m.customerId(), m.playbook(), m.channel(), m.trigger(),
                m.template(), m.variables(), m.plannedAt(), m.dueAt(), OutboundMessage.MessageStatus.SENT,
                "a@example.com", "s", "b", at, null, null, null, null, List.of(), null, m.priority(), null));
    }

    @Test
    void aCustomersLookupsSeeTheirMessagesOnlyEvenWhereTheKeysWouldRunTogether() {
        // "t1" + "x:y" and "t1:x" + "y" would make the same key if the parts were only joined
        String a = plan(tenant, "x:y", "winback", "churn-1", Map.of());
        String b = plan(tenant + ":x", "y", "winback", "churn-1", Map.of());
        send(a, T.plusSeconds(1));
        send(b, T.plusSeconds(2));

        assertThat(store.sentSince(tenant, "x:y", T)).containsExactly(T.plusSeconds(1));
        assertThat(store.sentSince(tenant + ":x", "y", T)).containsExactly(T.plusSeconds(2));
        assertThat(store.forCustomer(tenant, "x:y", 10)).extracting(OutboundMessage::id).containsExactly(a);
        assertThat(store.sentSince(tenant, "nobody", T)).isEmpty();
    }

    @Test
    void budgetCapExitAndCreditCountTheRightMessages() {
        String first = plan(tenant, "cus_1", "winback", "churn-1", Map.of());
        String dunning1 = plan(tenant, "cus_1", "dunning", "invoice:in_1", Map.of("invoice", "in_1"));
        String dunning2 = plan(tenant, "cus_1", "dunning", "invoice:in_2", Map.of("invoice", "in_2"));
        send(first, T.plusSeconds(10));

        assertThat(store.sentOfPlaybookSince(tenant, "cus_1", "winback", T)).isEqualTo(1);
        assertThat(store.sentOfPlaybookSince(tenant, "cus_1", "winback", T.plusSeconds(11))).isZero();
        assertThat(store.sentOfPlaybookSince(tenant, "cus_1", "dunning", T)).isZero();

        // paying invoice in_1 ends its dunning only
        assertThat(store.skipPending(tenant, "cus_1", "dunning", "invoice", "in_1", "paid")).isEqualTo(1);
        assertThat(store.skipPending(tenant, "cus_1", "dunning", "invoice", "in_1", "paid")).isZero();
        assertThat(store.claim(dunning1, T.plusSeconds(20), Duration.ofMinutes(1))).isEmpty();
        assertThat(store.claim(dunning2, T.plusSeconds(20), Duration.ofMinutes(1))).isPresent();

        Optional<OutboundMessage> reached = store.latestReached(tenant, "cus_1", "winback", null, null, T,
                T.plusSeconds(60));
        assertThat(reached).map(OutboundMessage::id).contains(first);
        assertThat(store.latestReached(tenant, "cus_1", "winback", null, null, T.plusSeconds(11), T.plusSeconds(60)))
                .isEmpty();
        assertThat(store.converted(first, "reactivated", T.plusSeconds(30), null)).isTrue();
        assertThat(store.converted(first, "reactivated", T.plusSeconds(31), null)).isFalse();
    }

    @Test
    void messagesStoredBeforeTheCustomerListsExistedAreFoundClaimedAndSkipped() {
        String sent = plan(tenant, "cus_old", "winback", "churn-1", Map.of());
        String pending = plan(tenant, "cus_old", "dormant", "dormant-1", Map.of());
        send(sent, T.plusSeconds(5));
        // as an earlier version stored them: no revision, no per-customer list
        mongo.getCollection(MongoMessageStore.COLLECTION).updateMany(new Document(),
                new Document("$unset", new Document("rev", "")));
        mongo.dropCollection(MongoMessageStore.CUSTOMERS);
        assertThat(store.sentSince(tenant, "cus_old", T)).isEmpty();

        new MongoMessageStore(mongo).declareIndexes(); // the next start

        assertThat(store.sentSince(tenant, "cus_old", T)).containsExactly(T.plusSeconds(5));
        assertThat(store.skipPending(tenant, "cus_old", "dormant", null, null, "came back")).isEqualTo(1);
        assertThat(store.claim(pending, T.plusSeconds(6), Duration.ofMinutes(1))).isEmpty();
        String later = plan(tenant, "cus_old", "dunning", "invoice:in_9", Map.of());
        assertThat(store.forCustomer(tenant, "cus_old", 10)).hasSize(3).extracting(OutboundMessage::id)
                .contains(sent, pending, later);
    }

    @Test
    void twoSendersClaimingTheSameDueMessagesGetEachOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(plan(tenant, "cus_" + i, "winback", "churn-" + i, Map.of()));
        }
        Callable<List<String>> sender = () -> {
            List<String> mine = new ArrayList<>();
            for (String id : ids) {
                store.claim(id, T.plusSeconds(1), Duration.ofMinutes(5)).ifPresent(m -> mine.add(m.id()));
            }
            return mine;
        };
        try (var pool = Executors.newFixedThreadPool(2)) {
            Future<List<String>> one = pool.submit(sender);
            Future<List<String>> two = pool.submit(sender);
            List<String> all = new ArrayList<>(one.get());
            all.addAll(two.get());
            assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
        }
        // claimed: not due again until the lease ends, then claimable once more
        assertThat(store.dueIds(T.plusSeconds(2), 100)).isEmpty();
        assertThat(store.claim(ids.getFirst(), T.plusSeconds(2), Duration.ofMinutes(5))).isEmpty();
        assertThat(store.claim(ids.getFirst(), T.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5))).isPresent();
    }

    @Test
    void aMessageChangedAfterThePageFoundItDueIsClaimedOnlyIfItIsStillDue() {
        String claimedElsewhere = plan(tenant, "cus_p1", "winback", "churn-p1", Map.of());
        String deferred = plan(tenant, "cus_p2", "winback", "churn-p2", Map.of());
        String skipped = plan(tenant, "cus_p3", "winback", "churn-p3", Map.of());
        String untouched = plan(tenant, "cus_p4", "winback", "churn-p4", Map.of());
        String retried = plan(tenant, "cus_p5", "winback", "churn-p5", Map.of());
        Instant now = T.plusSeconds(1);
        Map<String, MessageStore.Due> page = new java.util.HashMap<>();
        store.due(now, 100).forEach(d -> page.put(d.id(), d));
        assertThat(page).containsOnlyKeys(claimedElsewhere, deferred, skipped, untouched, retried);

        // after the page: another sender claims one, the quiet hours defer one, the customer's return skips one, and
        // one is given back due again at once (its contact was not known yet)
        assertThat(store.claim(claimedElsewhere, now, Duration.ofMinutes(5))).isPresent();
        store.deferTo(deferred, now.plus(Duration.ofHours(8)), "quiet hours");
        assertThat(store.skipPending(tenant, "cus_p3", "winback", null, null, "came back")).isEqualTo(1);
        store.retryAt(retried, now);

        assertThat(store.claim(page.get(claimedElsewhere), now.plusMillis(10), Duration.ofMinutes(5))).isEmpty();
        assertThat(store.claim(page.get(deferred), now.plusMillis(10), Duration.ofMinutes(5))).isEmpty();
        assertThat(store.claim(page.get(skipped), now.plusMillis(10), Duration.ofMinutes(5))).isEmpty();
        assertThat(store.claim(page.get(untouched), now.plusMillis(10), Duration.ofMinutes(5))).map(OutboundMessage::id)
                .contains(untouched);
        assertThat(store.claim(page.get(retried), now.plusMillis(10), Duration.ofMinutes(5))).map(OutboundMessage::id)
                .as("changed, but due again: claimed after a second read").contains(retried);
        assertThat(store.claim(page.get(untouched), now.plusMillis(20), Duration.ofMinutes(5))).as("claimed once")
                .isEmpty();
        // a page seen before the business clock's time (a test clock moved back) claims nothing not yet due
        String later = plan(tenant, "cus_p6", "winback", "churn-p6", Map.of());
        MessageStore.Due seen = store.due(now, 100).stream().filter(d -> d.id().equals(later)).findFirst().orElseThrow();
        assertThat(store.claim(seen, T.minusSeconds(60), Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void aSkipAfterTheSendIsTooLateAndAHeldOutMessageCountsAsReached() {
        String id = plan(tenant, "cus_2", "winback", "churn-2", Map.of());
        send(id, T.plusSeconds(1));
        assertThat(store.skipPending(tenant, "cus_2", "winback", null, null, "came back")).isZero();
        assertThat(store.forCustomer(tenant, "cus_2", 1).getFirst().status()).isEqualTo(OutboundMessage.MessageStatus.SENT);

        String held = plan(tenant, "cus_3", "winback", "churn-3", Map.of());
        OutboundMessage m = store.claim(held, T.plusSeconds(1), Duration.ofMinutes(1)).orElseThrow();
        store.complete(new OutboundMessage(m.id(), m.tenantId(), m.customerId(), m.playbook(), m.channel(), m.trigger(),
                m.template(), m.variables(), m.plannedAt(), m.dueAt(), OutboundMessage.MessageStatus.SKIPPED, null,
                null, null, null, MessageStore.HOLDOUT, null, null, null, List.of(), null, m.priority(), null));
        assertThat(store.latestReached(tenant, "cus_3", "winback", null, null, T.minusSeconds(1), T.plusSeconds(60)))
                .map(OutboundMessage::id).contains(held);
        assertThat(store.sentSince(tenant, "cus_3", T.minusSeconds(1))).isEmpty();
    }
}

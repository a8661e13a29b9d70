package dev.rebound.scoring.infra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.CustomerUpdated;
import dev.rebound.contracts.data.FeedbackNps;
import dev.rebound.contracts.data.PageViewed;
import dev.rebound.contracts.data.SupportTicketActivity;
import dev.rebound.contracts.data.UsageFeatureUsed;
import dev.rebound.contracts.data.UsageSession;
import dev.rebound.scoring.profile.CustomerProfile;
import dev.rebound.testsupport.TestInfra;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The MongoDB adapters over the wire (the Mongo-wire store here, a real MongoDB with MONGODB_URI). */
class MongoScoringStoresTest {

    private static final MongoClient client = MongoClients.create(TestInfra.mongoUri());
    private final MongoTemplate mongo = new MongoTemplate(client, "scoring_stores_" + UUID.randomUUID().toString()
            .substring(0, 8));
    private final MongoProfileStore store = new MongoProfileStore(mongo);
    private static final Instant T = Instant.parse("2026-10-01T09:00:00Z");

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aBulkSaveWritesEveryProfileExceptTheOneAnotherWriterChangedMeanwhile() {
        CustomerProfile a = CustomerProfile.start("acme", "a");
        CustomerProfile b = CustomerProfile.start("acme", "b");
        CustomerProfile c = CustomerProfile.start("acme", "c");
        assertThat(store.saveAll(List.of(a, b, c))).isEmpty();

        Map<String, CustomerProfile> read = store.findAll(List.of("acme:a", "acme:b", "acme:c", "acme:nobody"));
        assertThat(read).containsOnlyKeys("acme:a", "acme:b", "acme:c");
        CustomerProfile other = store.find("acme", "b").orElseThrow();
        other.apply(EventType.FEEDBACK_NPS, new FeedbackNps(3, null), T);
        store.save(other);

        read.values().forEach(p -> p.apply(EventType.USAGE_SESSION, new UsageSession(60L), T));
        CustomerProfile fresh = CustomerProfile.start("acme", "d");
        store.save(CustomerProfile.start("acme", "e")); // another writer creates e after this one found none
        CustomerProfile lateInsert = CustomerProfile.start("acme", "e");
        List<CustomerProfile> batch = List.of(read.get("acme:a"), read.get("acme:b"), read.get("acme:c"), fresh,
                lateInsert);

        assertThat(store.saveAll(batch)).as("the stale copy of b and the late insert of e lost")
                .containsExactlyInAnyOrder("acme:b", "acme:e");
        assertThat(store.find("acme", "b").orElseThrow().latestNps()).as("the other writer's change stays").isEqualTo(3);
        assertThat(store.find("acme", "b").orElseThrow().sessions()).isZero();
        assertThat(store.find("acme", "c").orElseThrow().sessions()).isEqualTo(1);
        assertThat(store.find("acme", "d")).isPresent();
        assertThat(read.get("acme:b").version()).as("a loser keeps the version it was read at").isEqualTo(1);
        assertThat(lateInsert.version()).isZero();
    }

    @Test
    void aLookedAtProfileIsStoredAsAWholeSaveWouldStoreItAndAStaleLookLoses() {
        CustomerProfile p = CustomerProfile.start("acme", "looked");
        p.apply(EventType.USAGE_SESSION, new UsageSession(600L), T);
        p.apply(EventType.PAGE_VIEWED, new PageViewed("cancel"), T.plusSeconds(60));
        p.apply(EventType.SUPPORT_TICKET_OPENED, new SupportTicketActivity("t-1", null, null), T.plusSeconds(120));
        p.enterStage(dev.rebound.contracts.data.LifecycleStage.ACTIVE, T);
        p.scheduleLook(Duration.ofDays(21), T.plus(Duration.ofDays(1)));
        store.save(p);
        var updating = dev.rebound.scoring.Updatings.of(store);
        CustomerProfile looked = store.find("acme", "looked").orElseThrow();
        CustomerProfile stale = store.find("acme", "looked").orElseThrow();

        // forty days of silence: dormant, riskier, an event in its outbox, the next look moved on
        assertThat(updating.look(looked, T.plus(Duration.ofDays(40))))
                .isEqualTo(dev.rebound.scoring.updating.ProfileUpdating.Look.CHANGED);
        assertThat(store.saveLooked(List.of(looked))).isEmpty();

        CustomerProfile read = store.find("acme", "looked").orElseThrow();
        assertThat(read.stage()).isEqualTo(dev.rebound.contracts.data.LifecycleStage.DORMANT);
        assertThat(read.outbox()).isNotEmpty();
        Document whole = new Document();
        mongo.getConverter().write(looked, whole);
        assertThat(mongo.findById("acme:looked", Document.class, MongoProfileStore.COLLECTION))
                .as("the stored document, field by field, as a whole save of the looked-at profile").isEqualTo(whole);

        updating.look(stale, T.plus(Duration.ofDays(41)));
        assertThat(store.saveLooked(List.of(stale))).as("another look saved first").containsExactly("acme:looked");
        assertThat(store.find("acme", "looked").orElseThrow().nextLookAt()).isEqualTo(looked.nextLookAt());
    }

    @Test
    void namesWithDotsAndDollarsAreStoredAsValuesNotFieldNames() {
        CustomerProfile p = CustomerProfile.start("acme", "dots");
        p.apply(EventType.USAGE_FEATURE_USED, new UsageFeatureUsed("reports.export$v2", 2), T);
        p.apply(EventType.CUSTOMER_UPDATED, new CustomerUpdated(null, null, null, null,
                Map.of("$where", "1", "plan.tier", "gold", "seats", 12, "nested", Map.of("a", 1)), null), T);
        store.save(p);

        CustomerProfile read = store.find("acme", "dots").orElseThrow();
        assertThat(read.featureUse()).containsEntry("reports.export$v2", 2);
        assertThat(read.attributes()).containsEntry("$where", "1").containsEntry("plan.tier", "gold")
                .containsEntry("seats", 12.0).doesNotContainKey("nested");
    }

    /** A profile with every field set: each kind of event, a cancellation, a risk assessment, an outbox, a look. */
    private static CustomerProfile everyField(String customer) {
        CustomerProfile p = CustomerProfile.start("acme", customer);
        Instant at = T;
        p.apply(EventType.CUSTOMER_SIGNED_UP, new dev.rebound.contracts.data.CustomerSignedUp("pro", 4900, "EUR",
                "a@example.com", "ko-KR", "Asia/Seoul", T.plus(Duration.ofDays(14)), null), at);
        p.apply(EventType.CUSTOMER_UPDATED, new CustomerUpdated(null, null, null, null,
                Map.of("industry", "retail", "employees", 40, "enterprise", true), null), at);
        for (int day = 0; day < 3; day++) {
            at = T.plus(Duration.ofDays(day));
            p.apply(EventType.USAGE_SESSION, new UsageSession(600L), at);
            p.apply(EventType.USAGE_FEATURE_USED, new UsageFeatureUsed("reports", 2), at);
        }
        p.apply(EventType.USAGE_LIMIT_REACHED, new dev.rebound.contracts.data.UsageLimitReached("seats"), at);
        p.apply(EventType.PAGE_VIEWED, new PageViewed("cancel"), at);
        p.apply(EventType.PAGE_VIEWED, new PageViewed("pricing"), at);
        p.apply(EventType.SUPPORT_TICKET_OPENED, new SupportTicketActivity("t-1", "high", "customer"), at);
        p.apply(EventType.FEEDBACK_NPS, new FeedbackNps(4, "slow"), at);
        p.apply(EventType.SUBSCRIPTION_STARTED, new dev.rebound.contracts.data.SubscriptionStarted("pro", 4900, "EUR"),
                at);
        p.apply(EventType.SUBSCRIPTION_CHANGED, new dev.rebound.contracts.data.SubscriptionChanged("pro", "team",
                4900, 9900, "EUR", 5, 3), at);
        p.apply(EventType.PAYMENT_SUCCEEDED, new dev.rebound.contracts.data.PaymentSucceeded("in_1", 9900, "EUR"), at);
        p.apply(EventType.PAYMENT_FAILED, new dev.rebound.contracts.data.PaymentFailed("in_2", 9900, "EUR",
                "insufficient_funds", "pm_1", 1, null, "visa", null, null), at);
        p.apply(EventType.RECOVERY_RETRY_SCHEDULED, new dev.rebound.contracts.data.RecoveryRetryScheduled("in_2", 1,
                at.plus(Duration.ofDays(3)), "soft"), at);
        p.apply(EventType.PAYMENT_METHOD_EXPIRING, new dev.rebound.contracts.data.PaymentMethodInfo("pm_1", 12, 2026),
                at);
        p.apply(EventType.ACCOUNT_CHAMPION_LEFT, new dev.rebound.contracts.data.AccountChampionLeft("cto"), at);
        p.apply(EventType.FEATURE_REQUESTED, new dev.rebound.contracts.data.FeatureAnnouncement("sso", null), at);
        p.apply(EventType.FEATURE_REQUESTED, new dev.rebound.contracts.data.FeatureAnnouncement("api", null), at);
        p.apply(EventType.FEATURE_RELEASED, new dev.rebound.contracts.data.FeatureAnnouncement("api", "v2"), at);
        p.apply(EventType.CAMPAIGN_MESSAGE_SENT, new dev.rebound.contracts.data.CampaignMessageSent("m-1", "win_back",
                "email", "t"), at);
        p.apply(EventType.CAMPAIGN_CONVERTED, new dev.rebound.contracts.data.CampaignConverted("win_back",
                "reactivated", "m-1"), at);
        p.apply(EventType.SUBSCRIPTION_TRIAL_STARTED, new dev.rebound.contracts.data.SubscriptionTrialStarted("pro",
                T.plus(Duration.ofDays(14))), at); // a trial after paying: only to set every field
        p.rememberBeforeCancel(Map.of("sessions_30d", 3.0, "mrr", 99.0), 42);
        p.apply(EventType.SUBSCRIPTION_CANCELLED, new dev.rebound.contracts.data.SubscriptionCancelled(
                dev.rebound.contracts.data.CancelReason.PRICE, "too dear", true, at.plus(Duration.ofDays(1))), at);
        p.assessed(71, dev.rebound.contracts.data.RiskTier.HIGH, List.of(new dev.rebound.contracts.data.RiskReason(
                "cancel_page_views", 30.5, "viewed the cancel page once")));
        p.enterStage(dev.rebound.contracts.data.LifecycleStage.CHURNED, at);
        p.addToOutbox(new dev.rebound.outbox.PendingEvent("e-1", "rebound.risk.v1", "c", "{}", "00-trace"));
        p.scheduleLook(Duration.ofDays(21), at.plus(Duration.ofDays(1)));
        p.remember("/test e1");
        p.writtenBy("w-1");
        return p;
    }

    @Test
    void aProfileIsStoredFieldByFieldAsSpringDataMapsItAndReadBackWhicheverOfTheTwoWroteIt() {
        CustomerProfile ours = everyField("every");
        store.save(ours);
        store.save(ours);
        Document mapped = new Document();
        mongo.getConverter().write(ours, mapped);
        java.util.Set<String> fields = new java.util.HashSet<>(java.util.Arrays.stream(
                        CustomerProfile.class.getDeclaredFields())
                .filter(f -> !java.lang.reflect.Modifier.isStatic(f.getModifiers()))
                .map(f -> f.getName().equals("id") ? "_id" : f.getName()).toList());
        fields.add("_class");
        assertThat(mapped.keySet()).as("the example sets every field").containsExactlyInAnyOrderElementsOf(fields);
        assertThat(mongo.findById("acme:every", Document.class, MongoProfileStore.COLLECTION))
                .as("the stored document, field by field, as Spring Data maps it").isEqualTo(mapped);

        CustomerProfile theirs = everyField("theirs");
        mongo.insert(theirs, MongoProfileStore.COLLECTION);
        CustomerProfile read = store.findAll(List.of("acme:theirs")).get("acme:theirs");
        Document reread = new Document();
        mongo.getConverter().write(read, reread);
        Document written = new Document();
        mongo.getConverter().write(theirs, written);
        assertThat(reread).as("what Spring Data wrote, read back whole").isEqualTo(written);
        assertThat(mongo.findById("acme:every", CustomerProfile.class, MongoProfileStore.COLLECTION).riskReasons())
                .isEqualTo(ours.riskReasons());
    }

    @Test
    void aProfileStaysSmallHoweverLongItsHistory() {
        CustomerProfile p = CustomerProfile.start("acme", "long");
        for (int i = 0; i < 20_000; i++) {
            Instant at = T.plus(Duration.ofMinutes(37L * i));
            p.apply(EventType.USAGE_SESSION, new UsageSession(60L), at);
            p.apply(EventType.USAGE_FEATURE_USED, new UsageFeatureUsed("f" + (i % 500), 1), at);
            p.apply(EventType.PAGE_VIEWED, new PageViewed(i % 2 == 0 ? "cancel" : "pricing"), at);
            p.apply(EventType.SUPPORT_TICKET_OPENED, new SupportTicketActivity("t" + i, null, "customer"), at);
            p.remember("/test e" + i);
        }
        store.save(p);
        Document raw = mongo.getCollection(MongoProfileStore.COLLECTION).find(new Document("_id", "acme:long")).first();
        int bytes = new RawBsonDocument(raw, new org.bson.codecs.DocumentCodec()).getByteBuffer().remaining();
        assertThat(bytes).as("80,000 events").isLessThan(64 * 1024);
        assertThat(store.find("acme", "long").orElseThrow().sessions()).isEqualTo(20_000);
    }

    @Test
    void seenEventsAreRememberedOnceAndFoundHoweverMany() {
        MongoSeenEvents seen = new MongoSeenEvents(mongo);
        seen.remember(List.of("acme /s e1", "acme /s e2"));
        seen.remember(List.of("acme /s e2", "acme /s e3"));
        assertThat(seen.seenAmong(Set.of("acme /s e1", "acme /s e3", "acme /s e4", "{\"$gt\": \"\"}")))
                .containsExactlyInAnyOrder("acme /s e1", "acme /s e3");
    }

    @Test
    void aTenantsClockFollowsItsEventsWhileTheyArriveAndTheWallClockOnceTheyStop() {
        MongoWatermarks watermarks = new MongoWatermarks(mongo, Duration.ofMinutes(10));
        Instant wall = Instant.parse("2026-11-23T12:00:00Z");
        watermarks.advance("replaying", "rebound.usage.v1-0", Instant.parse("2024-03-01T00:00:00Z"), wall);
        watermarks.advance("replaying", "rebound.usage.v1-0", Instant.parse("2024-02-01T00:00:00Z"), wall.plusSeconds(2));
        assertThat(watermarks.now("replaying", wall.plusSeconds(60))).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(new MongoWatermarks(mongo, Duration.ofMinutes(10)).now("replaying", wall.plus(Duration.ofMinutes(11))))
                .isEqualTo(wall.plus(Duration.ofMinutes(11)));
        assertThat(watermarks.now("silent", wall)).isEqualTo(wall);
    }

    @Test
    void aTenantsClockIsItsSlowestStreamStillDeliveringNotOneRunningAhead() {
        MongoWatermarks watermarks = new MongoWatermarks(mongo, Duration.ofMinutes(10));
        Instant wall = Instant.parse("2026-11-23T12:00:00Z");
        // a replay: partition 2 of the usage topic, with few events, is consumed ahead of the busy partitions 0 and 1
        watermarks.advance("streams", "rebound.usage.v1-0", Instant.parse("2024-02-01T00:00:00Z"), wall);
        watermarks.advance("streams", "rebound.usage.v1-2", Instant.parse("2024-06-01T00:00:00Z"), wall);
        watermarks.advance("streams", "rebound.usage.v1-1", Instant.parse("2024-02-03T00:00:00Z"), wall);
        assertThat(watermarks.now("streams", wall.plusSeconds(30))).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
        // the usage partition 0 delivers nothing for longer than the quiet period: the others decide
        MongoWatermarks later = new MongoWatermarks(mongo, Duration.ofMinutes(10));
        later.advance("streams", "rebound.usage.v1-1", Instant.parse("2024-02-05T00:00:00Z"), wall.plus(Duration.ofMinutes(11)));
        later.advance("streams", "rebound.usage.v1-2", Instant.parse("2024-06-02T00:00:00Z"), wall.plus(Duration.ofMinutes(11)));
        assertThat(later.now("streams", wall.plus(Duration.ofMinutes(12)))).isEqualTo(Instant.parse("2024-02-05T00:00:00Z"));
    }
}

package dev.rebound.outbox.mongo;

import com.mongodb.client.MongoClients;
import dev.rebound.outbox.OutboxStore;
import dev.rebound.testsupport.TestInfra;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded outbox over the MongoDB wire (the test store, or a real MongoDB with MONGODB_URI). */
class EmbeddedMongoOutboxTest {

    private final MongoTemplate mongo = new MongoTemplate(MongoClients.create(TestInfra.mongoUri()),
            TestInfra.database("outbox_" + UUID.randomUUID().toString().substring(0, 6)));

    @Test
    void findsPendingEventsAndForgetsDeliveredOnesOnly() {
        EmbeddedMongoOutbox outbox = new EmbeddedMongoOutbox(mongo, "things");
        mongo.insert(thing("a", 1, "e1", "e2"), "things");
        mongo.insert(thing("b", 1), "things");

        List<OutboxStore.Outbox> pending = outbox.withPendingEvents(10);
        assertThat(pending).singleElement().satisfies(o -> {
            assertThat(o.ownerId()).isEqualTo("a");
            assertThat(o.events()).extracting("eventId").containsExactly("e1", "e2");
        });
        outbox.markDelivered("a", List.of("e1"));
        assertThat(outbox.withPendingEvents(10).getFirst().events()).extracting("eventId").containsExactly("e2");
        assertThat(mongo.findById("a", Document.class, "things").getInteger("version")).as("no version kept").isEqualTo(1);
    }

    @Test
    void withAVersionFieldDeliveryBumpsItSoAStaleWriterCannotSaveDeliveredEventsBack() {
        EmbeddedMongoOutbox outbox = new EmbeddedMongoOutbox(mongo, "profiles", "version");
        mongo.insert(thing("p", 7, "e1"), "profiles");
        outbox.markDelivered("p", List.of("e1"));
        Document after = mongo.findById("p", Document.class, "profiles");
        assertThat(after.getInteger("version")).isEqualTo(8);
        assertThat(after.getList("outbox", Document.class)).isEmpty();
    }

    @Test
    void severalOwnersAreMarkedDeliveredInOneWrite() {
        EmbeddedMongoOutbox outbox = new EmbeddedMongoOutbox(mongo, "many", "version");
        mongo.insert(thing("a", 1, "e1", "e2"), "many");
        mongo.insert(thing("b", 3, "e3"), "many");
        List<OutboxStore.Outbox> pending = outbox.withPendingEvents(10);
        mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is("a")),
                new org.springframework.data.mongodb.core.query.Update().push("outbox",
                        new Document("eventId", "e9").append("topic", "t").append("key", "k").append("json", "{}")), "many");

        outbox.markDelivered(pending);
        assertThat(outbox.withPendingEvents(10)).singleElement().satisfies(o -> {
            assertThat(o.ownerId()).isEqualTo("a");
            assertThat(o.events()).extracting("eventId").as("added meanwhile: kept").containsExactly("e9");
        });
        assertThat(mongo.findById("b", Document.class, "many").getInteger("version")).isEqualTo(4);
    }

    @Test
    void anEventsTraceContextIsKeptWithIt() {
        EmbeddedMongoOutbox outbox = new EmbeddedMongoOutbox(mongo, "traced");
        Document traced = thing("t", 1, "e1");
        traced.getList("outbox", Document.class).getFirst().append("traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        mongo.insert(traced, "traced");
        assertThat(outbox.withPendingEvents(10).getFirst().events().getFirst().traceparent())
                .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    private static Document thing(String id, int version, String... eventIds) {
        return new Document("_id", id).append("version", version).append("outbox", java.util.Arrays.stream(eventIds)
                .map(e -> new Document("eventId", e).append("topic", "rebound.risk.v1").append("key", "acme:c")
                        .append("json", "{}")).toList());
    }
}

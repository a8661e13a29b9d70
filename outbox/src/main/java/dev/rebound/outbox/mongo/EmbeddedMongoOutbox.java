package dev.rebound.outbox.mongo;

import dev.rebound.outbox.OutboxStore;
import dev.rebound.outbox.PendingEvent;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The outbox as an array field {@code outbox} of {@link PendingEvent}s inside the documents of one collection,
 * written by the same save that changes the document.
 */
public final class EmbeddedMongoOutbox implements OutboxStore {

    public static final String FIELD = "outbox";
    private final MongoTemplate mongo;
    private final String collection;
    private final String versionField;

    public EmbeddedMongoOutbox(MongoTemplate mongo, String collection) {
        this(mongo, collection, null);
    }

    /**
     * @param versionField the documents' optimistic-lock counter, bumped when events are marked delivered, so a
     *                     writer still holding the document from before cannot save the delivered events back into it
     *                     (its save fails its version check and it reads again); null where the documents have one
     *                     writer at a time
     */
    public EmbeddedMongoOutbox(MongoTemplate mongo, String collection, String versionField) {
        this.mongo = mongo;
        this.collection = collection;
        this.versionField = versionField;
    }

    @Override
    public List<Outbox> withPendingEvents(int limit) {
        Query query = Query.query(where(FIELD + ".0").exists(true)).limit(limit);
        query.fields().include("_id", FIELD);
        return mongo.find(query, Document.class, collection).stream()
                .map(d -> new Outbox(String.valueOf(d.get("_id")), d.getList(FIELD, Document.class).stream()
                        .map(e -> new PendingEvent(e.getString("eventId"), e.getString("topic"), e.getString("key"),
                                e.getString("json"), e.getString("traceparent")))
                        .toList()))
                .toList();
    }

    @Override
    public void markDelivered(String ownerId, List<String> eventIds) {
        mongo.updateFirst(Query.query(where("_id").is(ownerId)), delivered(eventIds), collection);
    }

    /** One unordered bulk write: an update per owner. */
    @Override
    public void markDelivered(List<Outbox> outboxes) {
        if (outboxes.size() == 1) {
            OutboxStore.super.markDelivered(outboxes);
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        for (Outbox outbox : outboxes) {
            bulk.updateOne(Query.query(where("_id").is(outbox.ownerId())),
                    delivered(outbox.events().stream().map(PendingEvent::eventId).toList()));
        }
        bulk.execute();
    }

    private Update delivered(List<String> eventIds) {
        Update update = new Update().pull(FIELD, new Document("eventId", new Document("$in", eventIds)));
        if (versionField != null) {
            update.inc(versionField, 1);
        }
        return update;
    }
}

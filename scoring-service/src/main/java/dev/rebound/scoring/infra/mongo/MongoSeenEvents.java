package dev.rebound.scoring.infra.mongo;

import dev.rebound.scoring.updating.SeenEvents;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Applied event ids in {@code scoring_seen_events}, one small document per id ({@code _id} = tenant, source and id),
 * kept however old: a duplicate is recognised whenever it comes. Read with one {@code $in}, written with one
 * unordered bulk insert whose duplicate-key errors mean "already there".
 */
public final class MongoSeenEvents implements SeenEvents {

    static final String COLLECTION = "scoring_seen_events";
    private final MongoTemplate mongo;

    public MongoSeenEvents(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Set<String> seenAmong(Collection<String> keys) {
        Set<String> seen = new HashSet<>();
        if (keys.isEmpty()) {
            return seen;
        }
        Query query = Query.query(where("_id").in(keys));
        query.fields().include("_id");
        mongo.find(query, Document.class, COLLECTION).forEach(d -> seen.add(d.getString("_id")));
        return seen;
    }

    @Override
    public void remember(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        keys.forEach(key -> bulk.insert(new Document("_id", key)));
        try {
            bulk.execute();
        } catch (BulkOperationException | DuplicateKeyException e) {
            if (e instanceof BulkOperationException b && b.getErrors().stream().anyMatch(err -> err.getCode() != 11000)) {
                throw e;
            }
            // ids already recorded (a redelivered batch): nothing to add
        }
    }
}

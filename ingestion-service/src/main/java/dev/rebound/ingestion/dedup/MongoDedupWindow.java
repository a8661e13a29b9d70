package dev.rebound.ingestion.dedup;

import dev.rebound.ingestion.intake.DedupWindow;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The dedup window in the {@code dedup} collection: one document per tenant + source + id, with a TTL index
 * so MongoDB forgets them after the window. It survives restarts and is shared by every instance.
 */
class MongoDedupWindow implements DedupWindow {

    static final String COLLECTION = "dedup";
    private final MongoTemplate mongo;
    private final Duration window;

    MongoDedupWindow(MongoTemplate mongo, Duration window) {
        this.mongo = mongo;
        this.window = window;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("at", Sort.Direction.ASC).expire(window));
    }

    @Override
    public Set<String> seen(String tenant, Collection<String> dedupKeys, Instant now) {
        if (dedupKeys.isEmpty()) {
            return Set.of();
        }
        List<String> ids = dedupKeys.stream().map(key -> id(tenant, key)).toList();
        Query query = Query.query(where("_id").in(ids).and("at").gte(Date.from(now.minus(window))));
        query.fields().include("_id");
        String prefix = tenant + " ";
        return mongo.find(query, Document.class, COLLECTION).stream()
                .map(doc -> doc.getString("_id").substring(prefix.length()))
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Override
    public void remember(String tenant, Collection<String> dedupKeys, Instant now) {
        if (dedupKeys.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        for (String key : dedupKeys) {
            bulk.upsert(Query.query(where("_id").is(id(tenant, key))), new Update().set("at", Date.from(now)));
        }
        bulk.execute();
    }

    private static String id(String tenant, String dedupKey) {
        return tenant + " " + dedupKey;
    }
}

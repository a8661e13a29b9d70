package dev.rebound.ingestion.dedup;

import dev.rebound.ingestion.intake.DedupWindow;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
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
    private static final int DUPLICATE_KEY = 11000;
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
        // by _id only, so the lookup stays on the _id index; the TTL monitor runs once a minute, so the
        // window's end is checked here
        Query query = Query.query(where("_id").in(ids));
        Date since = Date.from(now.minus(window));
        String prefix = tenant + " ";
        return mongo.find(query, Document.class, COLLECTION).stream()
                .filter(doc -> !doc.getDate("at").before(since))
                .map(doc -> doc.getString("_id").substring(prefix.length()))
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Override
    public void remember(String tenant, Collection<String> dedupKeys, Instant now) {
        if (dedupKeys.isEmpty()) {
            return;
        }
        // plain inserts (cheaper than upserts); a key inserted twice by concurrent requests keeps its first time
        List<Document> docs = dedupKeys.stream()
                .map(key -> new Document("_id", id(tenant, key)).append("at", Date.from(now))).toList();
        try {
            mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION).insert(docs).execute();
        } catch (BulkOperationException e) {
            if (e.getErrors().stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)) {
                throw e;
            }
        } catch (DuplicateKeyException e) {
            // already remembered
        }
    }

    private static String id(String tenant, String dedupKey) {
        return tenant + " " + dedupKey;
    }
}

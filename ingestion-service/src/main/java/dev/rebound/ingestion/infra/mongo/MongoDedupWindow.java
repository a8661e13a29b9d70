package dev.rebound.ingestion.infra.mongo;

import dev.rebound.ingestion.intake.DedupWindow;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The dedup window. Each request's published keys are stored as one document in the {@code dedup} collection
 * (a TTL index drops it after the window), so the store is written once per request, not once per event.
 * Lookups are answered from memory: this instance's own keys at once, other instances' keys as
 * {@link #catchUp} reads their documents (every {@code dedup-refresh}, 2 s by default); on start the whole window is loaded, so it
 * survives restarts. Two instances receiving the same event within one refresh may both publish it (the
 * embedded store scans the collection for each catch-up; a real MongoDB serves it from the {@code at} index); consumers
 * dedup by id, so the effect is still counted once.
 */
class MongoDedupWindow implements DedupWindow {

    static final String COLLECTION = "dedup";
    private final MongoTemplate mongo;
    private final Duration window;
    private final Map<String, Instant> recent = new ConcurrentHashMap<>();
    private final Set<Object> loaded = ConcurrentHashMap.newKeySet();
    private volatile Instant loadedUntil;

    MongoDedupWindow(MongoTemplate mongo, Duration window, Instant now) {
        this.mongo = mongo;
        this.window = window;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("at", Sort.Direction.ASC).expire(window));
        this.loadedUntil = now.minus(window);
        catchUp(now);
    }

    @Override
    public Set<String> seen(String tenant, Collection<String> dedupKeys, Instant now) {
        Instant since = now.minus(window);
        Set<String> seen = new HashSet<>();
        for (String key : dedupKeys) {
            Instant at = recent.get(id(tenant, key));
            if (at != null && !at.isBefore(since)) {
                seen.add(key);
            }
        }
        return seen;
    }

    @Override
    public void remember(String tenant, Collection<String> dedupKeys, Instant now) {
        if (dedupKeys.isEmpty()) {
            return;
        }
        Document batch = new Document("tenant", tenant).append("at", Date.from(now)).append("keys", List.copyOf(dedupKeys));
        mongo.insert(batch, COLLECTION);
        loaded.add(batch.get("_id"));
        dedupKeys.forEach(key -> recent.putIfAbsent(id(tenant, key), now));
    }

    /** Reads the documents other instances wrote since the last catch-up, and forgets what left the window. */
    void catchUp(Instant now) {
        Instant from = loadedUntil.minusSeconds(2); // overlap: clocks and in-flight inserts
        Query query = Query.query(where("at").gte(Date.from(from))).with(Sort.by("at"));
        for (Document batch : mongo.find(query, Document.class, COLLECTION)) {
            if (!loaded.add(batch.get("_id"))) {
                continue;
            }
            Instant at = batch.getDate("at").toInstant();
            String tenant = batch.getString("tenant");
            for (String key : batch.getList("keys", String.class)) {
                recent.putIfAbsent(id(tenant, key), at);
            }
        }
        loadedUntil = now;
        Instant since = now.minus(window);
        recent.values().removeIf(at -> at.isBefore(since));
        if (loaded.size() > 100_000) {
            loaded.clear(); // ids only guard the overlap; the keys themselves stay in 'recent'
        }
    }

    /**
     * Deletes documents that left the window. The TTL index does this on MongoDB; the embedded store does not
     * build secondary indexes, so this keeps its collection bounded there.
     */
    void expire(Instant now) {
        mongo.remove(Query.query(where("at").lt(Date.from(now.minus(window)))), COLLECTION);
    }

    private static String id(String tenant, String dedupKey) {
        return tenant + " " + dedupKey;
    }
}

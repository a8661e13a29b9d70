package dev.rebound.campaign.infra.mongo;

import dev.rebound.campaign.custom.CustomPlaybook;
import dev.rebound.campaign.custom.CustomPlaybookReader;
import dev.rebound.campaign.custom.CustomPlaybookStore;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Tenants' own playbooks in {@code custom_playbooks}, one document per tenant and playbook holding the JSON the tenant
 * saved. Every event of a tenant consults its playbooks, so each tenant's are kept in memory for {@code fresh} (a
 * change made through another instance shows within it; through this one, at once).
 */
public final class MongoCustomPlaybookStore implements CustomPlaybookStore {

    static final String COLLECTION = "custom_playbooks";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MongoCustomPlaybookStore.class);

    private record Cached(long until, List<CustomPlaybook> playbooks) {}

    private final MongoTemplate mongo;
    private final CustomPlaybookReader reader;
    private final ObjectMapper json;
    private final long freshNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public MongoCustomPlaybookStore(MongoTemplate mongo, CustomPlaybookReader reader, ObjectMapper json,
                                    Duration fresh) {
        this.mongo = mongo;
        this.reader = reader;
        this.json = json;
        this.freshNanos = fresh.toNanos();
    }

    @Override
    public List<CustomPlaybook> all(String tenantId) {
        long now = System.nanoTime();
        Cached cached = cache.get(tenantId);
        if (cached != null && now - cached.until() < 0) {
            return cached.playbooks();
        }
        List<CustomPlaybook> playbooks = new ArrayList<>();
        for (Document d : mongo.find(Query.query(where("tenantId").is(tenantId)).with(Sort.by("playbook")),
                Document.class, COLLECTION)) {
            String id = d.getString("playbook");
            var read = reader.read(id, json.readTree(d.getString("definition")));
            if (read.playbook() != null) {
                playbooks.add(read.playbook());
            } else {
                // saved by a version that accepted more: kept, but not run
                log.warn("tenant {} playbook {} no longer reads: {}", tenantId, id, read.errors());
            }
        }
        List<CustomPlaybook> result = List.copyOf(playbooks);
        cache.put(tenantId, new Cached(now + freshNanos, result));
        return result;
    }

    @Override
    public void save(String tenantId, String id, String definition) {
        mongo.save(new Document("_id", new Document("tenant", tenantId).append("playbook", id))
                .append("tenantId", tenantId).append("playbook", id).append("definition", definition), COLLECTION);
        cache.remove(tenantId);
    }

    @Override
    public boolean delete(String tenantId, String id) {
        boolean deleted = mongo.remove(Query.query(where("_id").is(new Document("tenant", tenantId)
                .append("playbook", id))), COLLECTION).getDeletedCount() > 0;
        cache.remove(tenantId);
        return deleted;
    }

    /** The index a tenant's playbooks are read by (idempotent). */
    public void declareIndexes() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("playbook", Sort.Direction.ASC));
    }
}

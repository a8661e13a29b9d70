package dev.rebound.scoring.infra.mongo;

import dev.rebound.scoring.profile.ConcurrentProfileUpdateException;
import dev.rebound.scoring.profile.CustomerProfile;
import dev.rebound.scoring.dormancy.DormancyCandidates;
import dev.rebound.scoring.listing.CustomerListing;
import dev.rebound.scoring.retention.TenantCustomers;
import dev.rebound.scoring.profile.ProfileStore;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.conversions.Bson;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.core.TypeInformation;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Profiles in the {@code profiles} collection, one document per tenant:customer, optimistic versioning. */
public final class MongoProfileStore implements ProfileStore, DormancyCandidates, CustomerListing, TenantCustomers {

    public static final String COLLECTION = "profiles";
    /** The document layout Spring Data's mapping gives a profile, written and read without it on the hot paths. */
    private static final FieldsCodec<CustomerProfile> CODEC = FieldsCodec.of(CustomerProfile.class);
    private final MongoTemplate mongo;
    private volatile CodecRegistry registry;

    public MongoProfileStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<CustomerProfile> find(String tenantId, String customerId) {
        return Optional.ofNullable(mongo.execute(COLLECTION, c -> profiles(c)
                .find(Filters.eq("_id", CustomerProfile.idOf(tenantId, customerId))).first()));
    }

    @Override
    public void save(CustomerProfile profile) {
        long expected = profile.version();
        profile.storedAs(expected + 1);
        try {
            if (expected == 0) {
                mongo.execute(COLLECTION, c -> profiles(c).insertOne(profile));
                return;
            }
            // replace, not findAndReplace: the old document is not needed back
            if (mongo.execute(COLLECTION, c -> profiles(c).replaceOne(current(profile.id(), expected), profile))
                    .getMatchedCount() == 0) {
                throw new ConcurrentProfileUpdateException(profile.id());
            }
        } catch (DuplicateKeyException e) {
            profile.storedAs(expected);
            throw new ConcurrentProfileUpdateException(profile.id());
        } catch (ConcurrentProfileUpdateException e) {
            profile.storedAs(expected);
            throw e;
        }
    }

    @Override
    public Map<String, CustomerProfile> findAll(Collection<String> ids) {
        Map<String, CustomerProfile> found = new HashMap<>();
        if (!ids.isEmpty()) {
            mongo.execute(COLLECTION, c -> profiles(c).find(Filters.in("_id", ids))
                    .batchSize(Math.max(2, ids.size())).into(new ArrayList<>())).forEach(p -> found.put(p.id(), p));
        }
        return found;
    }

    /**
     * One unordered bulk write: new profiles inserted, known ones replaced where their version is still the one read.
     * A replace that matched nothing, or an insert that met an existing id, lost to another writer: the write id each
     * document carries tells which.
     */
    @Override
    public Set<String> saveAll(List<CustomerProfile> profiles) {
        if (profiles.size() == 1) {
            return ProfileStore.super.saveAll(profiles);
        }
        String writeId = UUID.randomUUID().toString();
        List<WriteModel<CustomerProfile>> writes = new ArrayList<>(profiles.size());
        for (CustomerProfile p : profiles) {
            long expected = p.version();
            p.storedAs(expected + 1);
            p.writtenBy(writeId);
            writes.add(expected == 0 ? new InsertOneModel<>(p) : new ReplaceOneModel<>(current(p.id(), expected), p));
        }
        boolean complete = Boolean.TRUE.equals(mongo.execute(COLLECTION, c -> {
            try {
                com.mongodb.bulk.BulkWriteResult result = profiles(c).bulkWrite(writes,
                        new BulkWriteOptions().ordered(false));
                return result.getInsertedCount() + result.getMatchedCount() == profiles.size();
            } catch (MongoBulkWriteException e) {
                if (e.getWriteConcernError() != null) {
                    throw e;
                }
                return false; // a version moved on, or an id another writer inserted first
            }
        }));
        return complete ? Set.of() : lost(profiles, writeId);
    }

    /** The profiles collection read and written with the codec (its registry built once, its codec lookups cached). */
    private MongoCollection<CustomerProfile> profiles(MongoCollection<Document> collection) {
        CodecRegistry codecs = registry;
        if (codecs == null) {
            codecs = CodecRegistries.fromRegistries(CodecRegistries.fromCodecs(CODEC), collection.getCodecRegistry());
            registry = codecs;
        }
        return collection.withDocumentClass(CustomerProfile.class).withCodecRegistry(codecs);
    }

    /** The optimistic write's filter: the profile as it was read. */
    private static Bson current(String id, long version) {
        return new Document("_id", id).append("version", version);
    }

    /**
     * What a look changes ({@code ProfileUpdating.look}: stage, risk, next look, outbox), set in one unordered bulk
     * write where the version is still the one read; the rest of each profile (its history, by far the larger part)
     * is neither mapped nor sent again. Written as plain documents (the values converted as a whole save converts
     * them): the template's per-update query and update mapping cost more than the write itself.
     */
    @Override
    public Set<String> saveLooked(List<CustomerProfile> profiles) {
        if (profiles.isEmpty()) {
            return Set.of();
        }
        String writeId = UUID.randomUUID().toString();
        List<UpdateOneModel<Document>> writes = new ArrayList<>(profiles.size());
        for (CustomerProfile p : profiles) {
            long expected = p.version();
            p.storedAs(expected + 1);
            p.writtenBy(writeId);
            Document set = new Document("stage", p.stage() == null ? null : p.stage().name())
                    .append("stageSince", date(p.stageSince()))
                    .append("riskScore", p.riskScore())
                    .append("riskTier", p.riskTier() == null ? null : p.riskTier().name())
                    .append("riskReasons", each(p.riskReasons(), dev.rebound.contracts.data.RiskReason.class))
                    .append("nextLookAt", date(p.nextLookAt()))
                    .append("outbox", each(p.outbox(), dev.rebound.outbox.PendingEvent.class))
                    .append("version", expected + 1).append("writeId", writeId);
            writes.add(new UpdateOneModel<>(new Document("_id", p.id()).append("version", expected),
                    new Document("$set", set)));
        }
        boolean complete;
        try {
            complete = mongo.getCollection(COLLECTION).bulkWrite(writes, new BulkWriteOptions().ordered(false))
                    .getMatchedCount() == profiles.size();
        } catch (com.mongodb.MongoBulkWriteException e) {
            complete = false;
        }
        return complete ? Set.of() : lost(profiles, writeId);
    }

    private static java.util.Date date(Instant at) {
        return at == null ? null : java.util.Date.from(at);
    }

    private <T> List<Object> each(List<T> values, Class<T> type) {
        TypeInformation<T> typeInformation = TypeInformation.of(type);
        return values.stream().map(v -> mongo.getConverter().convertToMongoType(v, typeInformation)).toList();
    }

    /** The profiles of a bulk write that do not carry its write id: another writer came first (their version reset). */
    private Set<String> lost(List<CustomerProfile> profiles, String writeId) {
        Query ours = Query.query(where("_id").in(profiles.stream().map(CustomerProfile::id).toList()));
        ours.fields().include("_id", "writeId");
        Set<String> written = new HashSet<>();
        for (Document d : mongo.find(ours, Document.class, COLLECTION)) {
            if (writeId.equals(d.getString("writeId"))) {
                written.add(d.getString("_id"));
            }
        }
        Set<String> conflicts = new HashSet<>();
        for (CustomerProfile p : profiles) {
            if (!written.contains(p.id())) {
                p.storedAs(p.version() - 1);
                conflicts.add(p.id());
            }
        }
        return conflicts;
    }

    /** One query on {@code nextLookAt} (indexed), streamed in pages: a profile looked at moves past {@code now}. */
    @Override
    public void forEachDue(Instant now, int pageSize, Consumer<List<CustomerProfile>> page) {
        mongo.execute(COLLECTION, c -> {
            List<CustomerProfile> batch = new ArrayList<>(pageSize);
            try (MongoCursor<CustomerProfile> due = profiles(c).find(Filters.lte("nextLookAt", java.util.Date.from(now)))
                    .batchSize(pageSize).iterator()) {
                while (due.hasNext()) {
                    batch.add(due.next());
                    if (batch.size() == pageSize) {
                        page.accept(batch);
                        batch = new ArrayList<>(pageSize);
                    }
                }
            }
            if (!batch.isEmpty()) {
                page.accept(batch);
            }
            return null;
        });
    }

    @Override
    public Page list(Filter filter) {
        Criteria criteria = where("tenantId").is(filter.tenantId());
        if (filter.tier() != null) {
            criteria = criteria.and("riskTier").is(filter.tier().name());
        }
        if (filter.stage() != null) {
            criteria = criteria.and("stage").is(filter.stage().name());
        }
        if (filter.segment() != null) {
            criteria = criteria.and(filter.segment().field()).gte(Math.max(1, filter.segmentFrom()));
        }
        String field = switch (filter.sort()) {
            case RISK -> "riskScore";
            case MRR -> "mrr";
            case LTV -> "lifetimeValue";
        };
        Query query = Query.query(criteria).with(Sort.by(Sort.Order.desc(field), Sort.Order.asc("_id")))
                .skip((long) filter.page() * filter.size()).limit(filter.size());
        return new Page(mongo.find(query, CustomerProfile.class, COLLECTION),
                mongo.count(Query.query(criteria), COLLECTION));
    }

    /** A tenant's customers with only what the period figures read (revenue timeline, active days, tier, currency). */
    @Override
    public List<CustomerProfile> customersOf(String tenantId) {
        Query query = Query.query(where("tenantId").is(tenantId));
        query.fields().include("_id", "tenantId", "customerId", "currency", "revenue", "activity", "riskTier");
        return mongo.find(query, CustomerProfile.class, COLLECTION);
    }

    /**
     * Declares the indexes the writes, the detector's and the lists' queries use (idempotent; the Mongo-wire store
     * ignores the non-unique ones).
     */
    public void declareIndexes() {
        var indexes = mongo.indexOps(COLLECTION);
        // the optimistic write's filter {_id, version}: a real MongoDB answers it from _id alone; the embedded store
        // only uses an index whose keys match the filter's exactly, and otherwise scans every profile per write
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC).unique()
                .named("id_version"));
        indexes.createIndex(new Index().on("nextLookAt", Sort.Direction.ASC));
        indexes.createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("riskScore", Sort.Direction.DESC));
        indexes.createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("riskTier", Sort.Direction.ASC)
                .on("riskScore", Sort.Direction.DESC));
        indexes.createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("stage", Sort.Direction.ASC)
                .on("riskScore", Sort.Direction.DESC));
    }
}

package dev.rebound.tenantauth.mongo;

import dev.rebound.tenantauth.ApiKeyStore;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Keys in the {@code api_keys} collection, {@code _id} = SHA-256 of the key; the key itself is never stored. */
public final class MongoApiKeyStore implements ApiKeyStore {

    static final String COLLECTION = "api_keys";
    private final MongoTemplate mongo;

    public MongoApiKeyStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Declares the index listing a tenant's keys needs (idempotent; the Mongo-wire test store may ignore it). */
    public void declareIndexes() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenant", org.springframework.data.domain.Sort.Direction.ASC)
                .on("keyId", org.springframework.data.domain.Sort.Direction.ASC));
    }

    @Override
    public void add(StoredKey key) {
        mongo.insert(new Document("_id", key.sha256()).append("tenant", key.tenant()).append("keyId", key.keyId())
                .append("createdAt", Date.from(key.createdAt())), COLLECTION);
    }

    @Override
    public Optional<String> tenantOfActiveKey(String sha256) {
        Document doc = mongo.findOne(Query.query(where("_id").is(sha256).and("revokedAt").exists(false)),
                Document.class, COLLECTION);
        return Optional.ofNullable(doc).map(d -> d.getString("tenant"));
    }

    @Override
    public List<StoredKey> keysOf(String tenant) {
        return mongo.find(Query.query(where("tenant").is(tenant)), Document.class, COLLECTION).stream()
                .map(d -> new StoredKey(d.getString("_id"), d.getString("tenant"), d.getString("keyId"),
                        d.getDate("createdAt").toInstant(),
                        d.getDate("revokedAt") == null ? null : d.getDate("revokedAt").toInstant()))
                .toList();
    }

    @Override
    public boolean revoke(String tenant, String keyId, Instant at) {
        return mongo.updateFirst(Query.query(where("tenant").is(tenant).and("keyId").is(keyId)),
                new Update().set("revokedAt", Date.from(at)), COLLECTION).getMatchedCount() > 0;
    }
}

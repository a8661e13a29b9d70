package dev.rebound.campaign.infra.mongo;

import dev.rebound.campaign.features.FeatureBook;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Feature requests in {@code feature_requests} (one document per tenant, feature and customer) and releases in
 * {@code feature_releases} (one per tenant and feature), keyed by a sub-document (a real MongoDB refuses arrays as
 * {@code _id}). Feature names are the sender's: stored as values only, never as field names.
 */
public final class MongoFeatureBook implements FeatureBook {

    static final String REQUESTS = "feature_requests";
    static final String RELEASES = "feature_releases";
    private final MongoTemplate mongo;

    public MongoFeatureBook(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void declareIndexes() {
        mongo.indexOps(REQUESTS).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("feature", Sort.Direction.ASC));
        mongo.indexOps(RELEASES).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("releasedAt", Sort.Direction.ASC));
    }

    @Override
    public void requested(String tenantId, String customerId, String feature) {
        mongo.upsert(Query.query(where("_id").is(new Document("tenant", tenantId).append("feature", feature)
                        .append("customer", customerId))),
                new Update().set("tenantId", tenantId).set("feature", feature).set("customerId", customerId),
                REQUESTS);
    }

    @Override
    public List<String> requesters(String tenantId, String feature) {
        Query query = Query.query(where("tenantId").is(tenantId).and("feature").is(feature));
        query.fields().include("customerId");
        return mongo.find(query, Document.class, REQUESTS).stream().map(d -> d.getString("customerId")).toList();
    }

    @Override
    public java.util.Optional<Release> release(String tenantId, String feature) {
        return java.util.Optional.ofNullable(mongo.findById(new Document("tenant", tenantId).append("feature", feature),
                Document.class, RELEASES)).map(MongoFeatureBook::release);
    }

    private static Release release(Document d) {
        return new Release(d.getString("feature"), d.getString("description"), d.getDate("releasedAt").toInstant());
    }

    @Override
    public boolean released(String tenantId, Release release) {
        return mongo.upsert(Query.query(where("_id").is(new Document("tenant", tenantId).append("feature", release.feature()))),
                new Update().setOnInsert("tenantId", tenantId).setOnInsert("feature", release.feature())
                        .setOnInsert("description", release.description())
                        .setOnInsert("releasedAt", release.releasedAt()), RELEASES).getUpsertedId() != null;
    }

    @Override
    public List<Release> releasedBetween(String tenantId, Instant from, Instant to, int limit) {
        return mongo.find(Query.query(where("tenantId").is(tenantId).and("releasedAt").gte(from).lte(to))
                        .with(Sort.by("releasedAt")).limit(limit), Document.class, RELEASES).stream()
                .map(MongoFeatureBook::release).toList();
    }
}

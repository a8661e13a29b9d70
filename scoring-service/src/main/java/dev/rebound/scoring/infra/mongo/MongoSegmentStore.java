package dev.rebound.scoring.infra.mongo;

import dev.rebound.scoring.profile.CustomerProfile;
import dev.rebound.scoring.segments.SegmentStore;
import dev.rebound.scoring.segments.SegmentThresholds;
import dev.rebound.scoring.segments.ValueSegment;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Thresholds in {@code segment_thresholds} ({@code _id} = tenant); measures read from the profiles, projected. */
public final class MongoSegmentStore implements SegmentStore {

    static final String COLLECTION = "segment_thresholds";
    private final MongoTemplate mongo;

    public MongoSegmentStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<SegmentThresholds> thresholds(String tenantId) {
        Document d = mongo.findById(tenantId, Document.class, COLLECTION);
        if (d == null) {
            return Optional.empty();
        }
        Map<ValueSegment, Long> from = new EnumMap<>(ValueSegment.class);
        for (ValueSegment segment : ValueSegment.values()) {
            from.put(segment, d.getLong(segment.name()));
        }
        return Optional.of(new SegmentThresholds(tenantId, from, d.getLong("customers"),
                d.getDate("computedAt").toInstant()));
    }

    @Override
    public void save(SegmentThresholds t) {
        Document d = new Document("_id", t.tenantId()).append("customers", t.customers())
                .append("computedAt", Date.from(t.computedAt()));
        t.from().forEach((segment, value) -> d.append(segment.name(), value));
        mongo.save(d, COLLECTION);
    }

    @Override
    public List<String> tenants() {
        return mongo.findDistinct(new Query(), "tenantId", MongoProfileStore.COLLECTION, String.class);
    }

    @Override
    public List<CustomerProfile> measuresOf(String tenantId) {
        Query query = Query.query(where("tenantId").is(tenantId));
        query.fields().include("_id", "tenantId", "customerId", "lifetimeValue", "engagement", "averageOrderValue",
                "payments");
        return mongo.find(query, CustomerProfile.class, MongoProfileStore.COLLECTION);
    }
}

package dev.rebound.recovery.infra.mongo;

import dev.rebound.recovery.decline.DeclineClass;
import dev.rebound.recovery.retry.RetryPolicies;
import dev.rebound.recovery.retry.RetryPolicy;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Policies in the {@code retry_policies} collection, one document per tenant ({@code _id} = tenant id). */
public final class MongoRetryPolicies implements RetryPolicies {

    static final String COLLECTION = "retry_policies";
    private final MongoTemplate mongo;

    public MongoRetryPolicies(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<RetryPolicy> find(String tenantId) {
        Document doc = mongo.findById(tenantId, Document.class, COLLECTION);
        if (doc == null) {
            return Optional.empty();
        }
        Map<DeclineClass, List<Duration>> schedule = new EnumMap<>(DeclineClass.class);
        doc.get("schedule", Document.class).forEach((name, offsets) -> schedule.put(DeclineClass.valueOf(name),
                ((List<?>) offsets).stream().map(o -> Duration.parse((String) o)).toList()));
        return Optional.of(new RetryPolicy(Duration.parse(doc.getString("dunningWindow")), doc.getInteger("maxAttempts"),
                LocalTime.parse(doc.getString("retryTime")), ZoneId.of(doc.getString("zone")),
                doc.getInteger("maxRetriesPerCardIn30Days"), schedule));
    }

    @Override
    public void save(String tenantId, RetryPolicy policy) {
        Document schedule = new Document();
        policy.schedule().forEach((declineClass, offsets) -> schedule.append(declineClass.name(),
                offsets.stream().map(Duration::toString).toList()));
        mongo.save(new Document("_id", tenantId).append("dunningWindow", policy.dunningWindow().toString())
                .append("maxAttempts", policy.maxAttempts()).append("retryTime", policy.retryTime().toString())
                .append("zone", policy.zone().getId())
                .append("maxRetriesPerCardIn30Days", policy.maxRetriesPerCardIn30Days())
                .append("schedule", schedule), COLLECTION);
    }
}

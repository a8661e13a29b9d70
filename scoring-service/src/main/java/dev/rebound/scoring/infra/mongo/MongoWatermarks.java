package dev.rebound.scoring.infra.mongo;

import dev.rebound.scoring.updating.Watermarks;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Each tenant's event-time clock in {@code scoring_watermarks} ({@code _id} = tenant): the latest event time seen
 * and when events last arrived, shared by every instance. A tenant whose events stopped arriving for
 * {@code quiet} is judged at the wall clock.
 */
public final class MongoWatermarks implements Watermarks {

    static final String COLLECTION = "scoring_watermarks";
    private final MongoTemplate mongo;
    private final Duration quiet;
    private final java.util.Map<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private record Cached(Instant eventTime, Instant arrivedAt, Instant readAt) {}

    public MongoWatermarks(MongoTemplate mongo, Duration quiet) {
        this.mongo = mongo;
        this.quiet = quiet;
    }

    /**
     * When this instance last wrote each tenant's clock: one write a second is enough (the quiet period is minutes),
     * and a stored clock a second behind only makes the detector more patient.
     */
    private final java.util.Map<String, Instant> written = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void advance(String tenantId, Instant eventTime, Instant arrivedAt) {
        Instant last = written.get(tenantId);
        if (last != null && arrivedAt.isBefore(last.plusSeconds(1)) && !arrivedAt.isBefore(last)) {
            return;
        }
        written.put(tenantId, arrivedAt);
        mongo.upsert(Query.query(where("_id").is(tenantId)), new Update().max("eventTime", Date.from(eventTime))
                .set("arrivedAt", Date.from(arrivedAt)), COLLECTION);
    }

    @Override
    public Instant now(String tenantId, Instant now) {
        Cached c = cache.get(tenantId);
        if (c == null || c.readAt().plusSeconds(5).isBefore(now) || c.readAt().isAfter(now)) {
            Document d = mongo.findById(tenantId, Document.class, COLLECTION);
            c = d == null || d.getDate("arrivedAt") == null || d.getDate("eventTime") == null
                    ? new Cached(null, null, now)
                    : new Cached(d.getDate("eventTime").toInstant(), d.getDate("arrivedAt").toInstant(), now);
            cache.put(tenantId, c);
        }
        if (c.eventTime() == null) {
            return now;
        }
        Instant arrived = c.arrivedAt();
        Instant eventTime = c.eventTime();
        if (arrived.plus(quiet).isBefore(now) || eventTime.isAfter(now)) {
            return now;
        }
        return eventTime;
    }
}

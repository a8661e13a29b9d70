package dev.rebound.scoring.infra.mongo;

import dev.rebound.scoring.updating.Watermarks;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Each tenant's event-time clocks in {@code scoring_watermarks}, one document per tenant and stream ({@code _id} =
 * tenant and stream): the latest event time seen on the stream and when its events last arrived, shared by every
 * instance. The tenant's clock is the earliest of its streams that delivered within {@code quiet}; when none did,
 * the wall clock.
 */
public final class MongoWatermarks implements Watermarks {

    static final String COLLECTION = "scoring_watermarks";
    private final MongoTemplate mongo;
    private final Duration quiet;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /**
     * When this instance last wrote each stream's clock: one write a second is enough (the quiet period is minutes),
     * and a stored clock a second behind only makes the detector more patient.
     */
    private final Map<String, Instant> written = new ConcurrentHashMap<>();

    private record Stream(Instant eventTime, Instant arrivedAt) {}

    private record Cached(List<Stream> streams, Instant readAt) {}

    public MongoWatermarks(MongoTemplate mongo, Duration quiet) {
        this.mongo = mongo;
        this.quiet = quiet;
    }

    /** The index the tenant's read uses (idempotent). */
    public void declareIndexes() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC));
    }

    @Override
    public void advance(String tenantId, String stream, Instant eventTime, Instant arrivedAt) {
        String id = tenantId + " " + stream;
        Instant last = written.get(id);
        if (last != null && arrivedAt.isBefore(last.plusSeconds(1)) && !arrivedAt.isBefore(last)) {
            return;
        }
        written.put(id, arrivedAt);
        mongo.upsert(Query.query(where("_id").is(id)), new Update().set("tenantId", tenantId).set("stream", stream)
                .max("eventTime", Date.from(eventTime)).set("arrivedAt", Date.from(arrivedAt)), COLLECTION);
    }

    @Override
    public Instant now(String tenantId, Instant now) {
        Cached c = cache.get(tenantId);
        if (c == null || c.readAt().plusSeconds(5).isBefore(now) || c.readAt().isAfter(now)) {
            List<Stream> streams = new ArrayList<>();
            for (Document d : mongo.find(Query.query(where("tenantId").is(tenantId)), Document.class, COLLECTION)) {
                if (d.getDate("eventTime") != null && d.getDate("arrivedAt") != null) {
                    streams.add(new Stream(d.getDate("eventTime").toInstant(), d.getDate("arrivedAt").toInstant()));
                }
            }
            c = new Cached(streams, now);
            cache.put(tenantId, c);
        }
        Instant clock = null;
        for (Stream s : c.streams()) {
            if (!s.arrivedAt().plus(quiet).isBefore(now) && (clock == null || s.eventTime().isBefore(clock))) {
                clock = s.eventTime();
            }
        }
        return clock == null || clock.isAfter(now) ? now : clock;
    }
}

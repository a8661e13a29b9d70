package dev.rebound.scoring.infra.mongo;

import dev.rebound.scoring.risk.RiskWeights;
import dev.rebound.scoring.tuning.Cadence;
import dev.rebound.scoring.tuning.Tuning;
import dev.rebound.scoring.tuning.Tunings;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Settings in the {@code scoring_tunings} collection, one document per tenant ({@code _id} = tenant id). */
public final class MongoTunings implements Tunings {

    static final String COLLECTION = "scoring_tunings";
    private final MongoTemplate mongo;

    public MongoTunings(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<Tuning> find(String tenantId) {
        Document d = mongo.findById(tenantId, Document.class, COLLECTION);
        if (d == null) {
            return Optional.empty();
        }
        Document w = d.get("weights", Document.class);
        RiskWeights weights = new RiskWeights(w.getDouble("cancelPageViewed"), w.getDouble("downgradeIntent"),
                w.getDouble("paymentFailing"), w.getDouble("detractorNps"), w.getDouble("unansweredTickets"),
                w.getDouble("championLeft"), w.getDouble("seatsShrinking"), w.getDouble("inactive"),
                Duration.parse(d.getString("inactiveAfter")), Duration.parse(d.getString("intentMemory")),
                w.getInteger("mediumFrom"), w.getInteger("highFrom"), w.getInteger("criticalFrom"));
        return Optional.of(new Tuning(weights, Cadence.valueOf(d.getString("cadence")), d.getInteger("activationSessions"),
                d.getInteger("activationFeatures"), new HashSet<>(d.getList("keyFeatures", String.class, List.of()))));
    }

    @Override
    public void save(String tenantId, Tuning t) {
        RiskWeights w = t.weights();
        mongo.save(new Document("_id", tenantId)
                .append("weights", new Document("cancelPageViewed", w.cancelPageViewed())
                        .append("downgradeIntent", w.downgradeIntent()).append("paymentFailing", w.paymentFailing())
                        .append("detractorNps", w.detractorNps()).append("unansweredTickets", w.unansweredTickets())
                        .append("championLeft", w.championLeft()).append("seatsShrinking", w.seatsShrinking())
                        .append("inactive", w.inactive()).append("mediumFrom", w.mediumFrom())
                        .append("highFrom", w.highFrom()).append("criticalFrom", w.criticalFrom()))
                .append("inactiveAfter", w.inactiveAfter().toString()).append("intentMemory", w.intentMemory().toString())
                .append("cadence", t.cadence().name()).append("activationSessions", t.activationSessions())
                .append("activationFeatures", t.activationFeatures()).append("keyFeatures", List.copyOf(t.keyFeatures())),
                COLLECTION);
    }
}

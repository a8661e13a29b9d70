package dev.rebound.scoring.infra.mongo;

import dev.rebound.scoring.risk.RiskWeights;
import dev.rebound.scoring.risk.Signal;
import dev.rebound.scoring.tuning.Cadence;
import dev.rebound.scoring.tuning.Tuning;
import dev.rebound.scoring.tuning.Tunings;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
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
        Map<Signal, Double> points = new EnumMap<>(Signal.class);
        for (Signal signal : Signal.values()) {
            Object value = w.get(signal.setting());
            if (value instanceof Number n) {
                points.put(signal, n.doubleValue()); // a signal added since the document was written keeps its default
            }
        }
        RiskWeights weights = new RiskWeights(points, Duration.parse(d.getString("inactiveAfter")),
                Duration.parse(d.getString("intentMemory")), w.getInteger("mediumFrom"), w.getInteger("highFrom"),
                w.getInteger("criticalFrom"));
        Cadence cadence = Cadence.parse(d.getString("cadence"));
        return Optional.of(new Tuning(weights, cadence != null ? cadence : Cadence.WEEKLY,
                d.getInteger("activationSessions"), d.getInteger("activationFeatures"),
                new HashSet<>(d.getList("keyFeatures", String.class, List.of()))));
    }

    @Override
    public void save(String tenantId, Tuning t) {
        RiskWeights w = t.weights();
        Document weights = new Document();
        for (Signal signal : Signal.values()) {
            weights.append(signal.setting(), w.of(signal));
        }
        weights.append("mediumFrom", w.mediumFrom()).append("highFrom", w.highFrom()).append("criticalFrom", w.criticalFrom());
        mongo.save(new Document("_id", tenantId).append("weights", weights)
                .append("inactiveAfter", w.inactiveAfter().toString()).append("intentMemory", w.intentMemory().toString())
                .append("cadence", t.cadence().name()).append("activationSessions", t.activationSessions())
                .append("activationFeatures", t.activationFeatures()).append("keyFeatures", List.copyOf(t.keyFeatures())),
                COLLECTION);
    }
}

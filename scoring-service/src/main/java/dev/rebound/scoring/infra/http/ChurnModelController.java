package dev.rebound.scoring.infra.http;

import dev.rebound.contracts.TenantId;
import dev.rebound.scoring.modeling.ChurnModel;
import dev.rebound.scoring.modeling.ChurnModelBook;
import dev.rebound.scoring.modeling.ChurnModels;
import dev.rebound.scoring.modeling.ModelTraining;
import dev.rebound.scoring.updating.ScoringObserver;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code POST /v1/models/churn/train} fits the tenant's churn model now (on this request's thread, never the event
 * listener's) and answers with its report, or 409 with the counts when there are too few churned or subscribed
 * customers; {@code GET /v1/models/churn} shows the latest training and whether a model scores customers.
 */
@RestController
class ChurnModelController {

    private final ModelTraining training;
    private final ChurnModels models;
    private final ChurnModelBook book;
    private final ScoringObserver observer;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    ChurnModelController(ModelTraining training, ChurnModels models, ChurnModelBook book, ScoringObserver observer) {
        this.training = training;
        this.models = models;
        this.book = book;
        this.observer = observer;
    }

    @PostMapping("/v1/models/churn/train")
    ResponseEntity<?> train(TenantId tenant) {
        if (!oneAtATime.tryLock()) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "training_in_progress",
                    "message", "a training is running; try again when it is done"));
        }
        try {
            return switch (training.train(tenant.value())) {
                case ModelTraining.Trained t -> {
                    book.trained(t.model());
                    observer.modelTrained(tenant.value(), t.model().report().auc(), t.model().report().active());
                    yield ResponseEntity.ok(view(t.model(), models.active(tenant.value()).isPresent()));
                }
                case ModelTraining.TooFewCustomers few -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("error", "too_few_customers");
                    body.put("message", "training needs at least " + few.minChurned() + " customers who cancelled and "
                            + few.minStayed() + " still subscribed, with both among the held-out 30 %");
                    body.put("churned", few.churned());
                    body.put("stayed", few.stayed());
                    yield ResponseEntity.status(HttpStatus.CONFLICT).body(body);
                }
            };
        } finally {
            oneAtATime.unlock();
        }
    }

    @GetMapping("/v1/models/churn")
    ResponseEntity<?> model(TenantId tenant) {
        return models.latest(tenant.value())
                .<ResponseEntity<?>>map(m -> ResponseEntity.ok(view(m, models.active(tenant.value()).isPresent())))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no_model",
                        "message", "no churn model trained yet: POST /v1/models/churn/train")));
    }

    private static Map<String, Object> view(ChurnModel m, boolean anActiveModel) {
        ChurnModel.Report r = m.report();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("trainedAt", r.trainedAt());
        view.put("active", r.active());
        view.put("scoringWithAModel", anActiveModel);
        view.put("note", r.note());
        view.put("auc", round(r.auc()));
        view.put("weightsAuc", round(r.weightsAuc()));
        view.put("trainedOn", Map.of("churned", r.churned(), "stayed", r.stayed(),
                "heldOutChurned", r.heldOutChurned(), "heldOutStayed", r.heldOutStayed()));
        List<Map<String, Object>> features = new ArrayList<>();
        for (int i = 0; i < m.features().size(); i++) {
            features.add(Map.of("name", m.features().get(i), "weight", round(m.weights()[i]),
                    "mean", round(m.means()[i])));
        }
        features.sort((a, b) -> Double.compare(Math.abs((double) b.get("weight")), Math.abs((double) a.get("weight"))));
        view.put("features", features);
        return view;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}

package dev.rebound.scoring.modeling;

import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.scoring.profile.CustomerProfile;
import dev.rebound.scoring.tuning.Tuning;
import dev.rebound.scoring.tuning.TuningBook;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fits a tenant's churn model on its own history: every customer who cancelled (features as they stood just before
 * the cancellation) against every customer still subscribed (features now, judged at the tenant's latest event time
 * so a replayed history is not read as years of silence). 30 % of the customers, chosen by a hash of their id, are
 * held out; the model is activated only if it ranks them better (AUC) than the tenant's weighted score does.
 */
public final class ModelTraining {

    public static final int MIN_CHURNED = 20;
    public static final int MIN_STAYED = 20;
    static final int MAX_CATEGORIES = 30;
    static final long SEED = 42;

    /** The outcome of a training request. */
    public sealed interface Outcome {}

    public record Trained(ChurnModel model) implements Outcome {}

    public record TooFewCustomers(int churned, int stayed, int minChurned, int minStayed) implements Outcome {}

    private record Example(String customerId, Map<String, Double> features, boolean churned, int weightsScore) {
        boolean heldOut() {
            int h = customerId.hashCode() * 0x9E3779B9;
            return Math.floorMod(h ^ (h >>> 16), 10) < 3;
        }
    }

    private final ChurnModels models;
    private final TuningBook tunings;
    private final ChurnTrainer trainer;
    private final Clock clock;

    public ModelTraining(ChurnModels models, TuningBook tunings, ChurnTrainer trainer, Clock clock) {
        this.models = models;
        this.tunings = tunings;
        this.trainer = trainer;
        this.clock = clock;
    }

    public Outcome train(String tenantId) {
        Tuning tuning = tunings.of(tenantId);
        Instant[] latest = {null};
        List<CustomerProfile> subscribed = new ArrayList<>();
        List<Example> examples = new ArrayList<>();
        models.forEachCustomer(tenantId, p -> {
            if (p.lastEventAt() != null && (latest[0] == null || p.lastEventAt().isAfter(latest[0]))) {
                latest[0] = p.lastEventAt();
            }
            if (p.featuresBeforeCancel() != null) {
                examples.add(new Example(p.customerId(), p.featuresBeforeCancel(), true,
                        p.scoreBeforeCancel() == null ? 0 : p.scoreBeforeCancel()));
            } else if (p.stage() != LifecycleStage.CHURNED && p.stage() != null) {
                subscribed.add(p);
            }
        });
        Instant now = clock.instant();
        Instant asOf = latest[0] == null || latest[0].isAfter(now) ? now : latest[0];
        for (CustomerProfile p : subscribed) {
            examples.add(new Example(p.customerId(), ChurnFeatures.of(p, asOf, tuning), false,
                    tuning.scorer().assess(p, asOf).score()));
        }
        int churned = (int) examples.stream().filter(Example::churned).count();
        int stayed = examples.size() - churned;
        List<Example> train = examples.stream().filter(e -> !e.heldOut()).toList();
        List<Example> test = examples.stream().filter(Example::heldOut).toList();
        int testChurned = (int) test.stream().filter(Example::churned).count();
        if (churned < MIN_CHURNED || stayed < MIN_STAYED || testChurned == 0 || testChurned == test.size()) {
            return new TooFewCustomers(churned, stayed, MIN_CHURNED, MIN_STAYED);
        }
        List<String> columns = columns(train);
        int n = columns.size();
        double[] means = new double[n];
        double[] scales = new double[n];
        for (int j = 0; j < n; j++) {
            String c = columns.get(j);
            double sum = 0;
            double squares = 0;
            for (Example e : train) {
                double v = e.features().getOrDefault(c, 0.0);
                sum += v;
                squares += v * v;
            }
            means[j] = sum / train.size();
            double variance = squares / train.size() - means[j] * means[j];
            scales[j] = variance > 1e-12 ? Math.sqrt(variance) : 1;
        }
        double[][] x = new double[train.size()][];
        boolean[] y = new boolean[train.size()];
        for (int i = 0; i < train.size(); i++) {
            x[i] = standardised(train.get(i).features(), columns, means, scales);
            y[i] = train.get(i).churned();
        }
        double[] fitted = trainer.fit(columns.toArray(String[]::new), x, y, SEED);
        double[] weights = java.util.Arrays.copyOf(fitted, n);
        double bias = fitted[n];
        ChurnModel unreported = new ChurnModel(tenantId, columns, means, scales, weights, bias, null);

        boolean[] outcome = new boolean[test.size()];
        double[] modelScores = new double[test.size()];
        double[] weightScores = new double[test.size()];
        for (int i = 0; i < test.size(); i++) {
            Example e = test.get(i);
            outcome[i] = e.churned();
            modelScores[i] = unreported.probability(e.features());
            weightScores[i] = e.weightsScore();
        }
        double auc = trainer.auc(outcome, modelScores);
        double weightsAuc = trainer.auc(outcome, weightScores);
        boolean better = auc > weightsAuc;
        String note = better ? "active: ranks held-out customers better than the weighted score"
                : "not activated: the weighted score ranks held-out customers as well or better";
        ChurnModel.Report report = new ChurnModel.Report(now, churned, stayed, testChurned, test.size() - testChurned,
                auc, weightsAuc, better, note);
        ChurnModel model = new ChurnModel(tenantId, columns, means, scales, weights, bias, report);
        models.save(model);
        return new Trained(model);
    }

    /** Every numeric feature; one-hot values of groups with at most {@value #MAX_CATEGORIES} values, seen in 1 %+ of rows. */
    private static List<String> columns(List<Example> train) {
        Map<String, Integer> support = new HashMap<>();
        Map<String, Set<String>> groups = new HashMap<>();
        for (Example e : train) {
            for (String f : e.features().keySet()) {
                support.merge(f, 1, Integer::sum);
                int eq = f.indexOf('=');
                if (eq > 0) {
                    groups.computeIfAbsent(f.substring(0, eq), g -> new HashSet<>()).add(f);
                }
            }
        }
        int minSupport = Math.max(2, train.size() / 100);
        Set<String> columns = new TreeSet<>();
        support.forEach((f, count) -> {
            int eq = f.indexOf('=');
            if (eq < 0) {
                columns.add(f);
            } else if (groups.get(f.substring(0, eq)).size() <= MAX_CATEGORIES && count >= minSupport) {
                columns.add(f);
            }
        });
        return List.copyOf(columns);
    }

    private static double[] standardised(Map<String, Double> features, List<String> columns, double[] means,
                                         double[] scales) {
        double[] row = new double[columns.size()];
        for (int j = 0; j < row.length; j++) {
            row[j] = (features.getOrDefault(columns.get(j), 0.0) - means[j]) / scales[j];
        }
        return row;
    }
}

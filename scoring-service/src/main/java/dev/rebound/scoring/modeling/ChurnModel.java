package dev.rebound.scoring.modeling;

import dev.rebound.contracts.data.RiskReason;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tenant's fitted churn model: logistic regression over standardised features. {@link #probability} and
 * {@link #reasons} read only the coefficients, so a stored model needs no library to score; training is the
 * library's ({@link ChurnTrainer}).
 *
 * @param features  the model's inputs, in order
 * @param means     each input's mean over the training customers
 * @param scales    each input's standard deviation over the training customers (1 where it did not vary)
 * @param weights   each standardised input's coefficient towards churn
 * @param report    how the model was trained and how it did on held-out customers
 */
public record ChurnModel(String tenantId, List<String> features, double[] means, double[] scales, double[] weights,
                         double bias, Report report) {

    /**
     * @param auc          the model's AUC on the held-out customers
     * @param weightsAuc   the weighted score's AUC on the same customers
     * @param active       whether it scores customers (it beat the weights)
     */
    public record Report(Instant trainedAt, int churned, int stayed, int heldOutChurned, int heldOutStayed, double auc,
                         double weightsAuc, boolean active, String note) {}

    /** The model's churn probability for the features (absent ones count as 0). */
    public double probability(Map<String, Double> values) {
        double z = bias;
        for (int i = 0; i < features.size(); i++) {
            z += weights[i] * standardised(i, values);
        }
        return 1 / (1 + Math.exp(-z));
    }

    private double standardised(int i, Map<String, Double> values) {
        return (values.getOrDefault(features.get(i), 0.0) - means[i]) / scales[i];
    }

    /**
     * The inputs that push this customer towards churn the most, as named reasons sharing {@code points} in proportion
     * to their push, each with the customer's value against the average.
     */
    public List<RiskReason> reasons(Map<String, Double> values, double points, int top) {
        record Push(int i, double push) {}
        List<Push> pushes = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            double push = weights[i] * standardised(i, values);
            if (push > 0) {
                pushes.add(new Push(i, push));
            }
        }
        double total = pushes.stream().mapToDouble(Push::push).sum();
        pushes.sort(Comparator.comparingDouble(Push::push).reversed());
        List<RiskReason> reasons = new ArrayList<>();
        for (Push p : pushes.subList(0, Math.min(top, pushes.size()))) {
            String feature = features.get(p.i());
            double contribution = Math.round(points * p.push() / total * 10) / 10.0;
            if (contribution > 0) {
                reasons.add(new RiskReason("model:" + feature, contribution, String.format(Locale.ROOT,
                        "churn model: %s is %s (customers average %s)", ChurnFeatures.label(feature),
                        number(values.getOrDefault(feature, 0.0)), number(means[p.i()]))));
            }
        }
        return reasons;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}

package dev.rebound.scoring.tuning;

import dev.rebound.scoring.lifecycle.LifecycleStageRules;
import dev.rebound.scoring.risk.RiskScorer;
import dev.rebound.scoring.risk.RiskWeights;
import dev.rebound.scoring.risk.Signal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A tenant's scoring settings: the points of each signal and the tier thresholds, the product's cadence (how long a
 * silence makes a customer dormant), when onboarding counts as done, and the key features of the product (when
 * set, only they count towards activation). {@link #problems()} names every field out of bounds.
 */
public record Tuning(RiskWeights weights, Cadence cadence, int activationSessions, int activationFeatures,
                     Set<String> keyFeatures) {

    private static final Pattern FEATURE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    /** A field out of bounds, named as the API names it. */
    public record Problem(String field, String message) {}

    public Tuning {
        keyFeatures = keyFeatures == null ? Set.of() : Set.copyOf(keyFeatures);
    }

    public RiskScorer scorer() {
        return new RiskScorer(weights, keyFeatures, cadence.trendWindowDays(), activationSessions);
    }

    public LifecycleStageRules stageRules() {
        return new LifecycleStageRules(activationSessions, activationFeatures, keyFeatures);
    }

    public Duration dormantAfter() {
        return cadence.dormantAfter();
    }

    public static Tuning defaults() {
        return new Tuning(RiskWeights.defaults(), Cadence.WEEKLY, 3, 2, Set.of());
    }

    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        RiskWeights w = weights;
        for (Signal signal : Signal.values()) {
            weight(problems, "weights." + signal.setting(), w.of(signal));
        }
        days(problems, "inactiveAfter", w.inactiveAfter());
        days(problems, "intentMemory", w.intentMemory());
        if (!(0 < w.mediumFrom() && w.mediumFrom() < w.highFrom() && w.highFrom() < w.criticalFrom()
                && w.criticalFrom() <= 100)) {
            problems.add(new Problem("thresholds", "must rise: 0 < medium < high < critical <= 100"));
        }
        if (cadence == null) {
            problems.add(new Problem("cadence", "must be daily, weekly, monthly or a silence of 1-365 days such as 10d"));
        }
        if (activationSessions < 1 || activationSessions > 1000) {
            problems.add(new Problem("activation.sessions", "must be between 1 and 1000"));
        }
        if (activationFeatures < 1 || activationFeatures > 1000) {
            problems.add(new Problem("activation.features", "must be between 1 and 1000"));
        }
        if (keyFeatures.size() > 100) {
            problems.add(new Problem("keyFeatures", "at most 100 key features"));
        }
        keyFeatures.stream().filter(f -> !FEATURE.matcher(f).matches()).findFirst().ifPresent(f -> problems.add(
                new Problem("keyFeatures", "a feature name is 1-64 letters, digits or _.:- (not '" + printable(f) + "')")));
        return problems;
    }

    private static void weight(List<Problem> problems, String field, double value) {
        if (Double.isNaN(value) || value < 0 || value > 100) {
            problems.add(new Problem(field, "must be between 0 and 100 points"));
        }
    }

    private static void days(List<Problem> problems, String field, Duration value) {
        if (value == null || value.compareTo(Duration.ofDays(1)) < 0 || value.compareTo(Duration.ofDays(365)) > 0) {
            problems.add(new Problem(field, "must be between 1 and 365 days"));
        }
    }

    private static String printable(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}

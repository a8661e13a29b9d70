package dev.rebound.campaign.conversion;

import dev.rebound.campaign.message.MessageStore;

/**
 * A playbook's effect: how its messages ended, the conversion rate of the customers it reached beside the rate of the
 * customers the global holdout kept from it, and the difference (uplift) with a 95 % confidence interval (Newcombe's
 * hybrid score interval for a difference of two proportions, sound for small groups and rates near 0 or 1). Rates
 * and uplift are null while a group is empty.
 *
 * @param delivered messages the mail server accepted (bounces are not reported back yet, so this equals sent)
 */
public record PlaybookStats(String playbook, long planned, long pending, long sent, long delivered, long suppressed,
                            long skipped, long heldOut, long converted, long heldOutConverted, Double conversionRate,
                            Double holdoutConversionRate, Double uplift, Double upliftLow, Double upliftHigh) {

    private static final double Z95 = 1.959963984540054;

    public static PlaybookStats of(String playbook, MessageStore.PlaybookCounts c) {
        Double treated = rate(c.sentConverted(), c.sent());
        Double control = rate(c.heldOutConverted(), c.heldOut());
        Double uplift = null;
        Double low = null;
        Double high = null;
        if (treated != null && control != null) {
            double[] t = wilson(c.sentConverted(), c.sent());
            double[] h = wilson(c.heldOutConverted(), c.heldOut());
            uplift = treated - control;
            low = uplift - Math.sqrt(sq(treated - t[0]) + sq(h[1] - control));
            high = uplift + Math.sqrt(sq(t[1] - treated) + sq(control - h[0]));
        }
        return new PlaybookStats(playbook, c.planned(), c.pending(), c.sent(), c.sent(), c.suppressed(), c.skipped(),
                c.heldOut(), c.sentConverted(), c.heldOutConverted(), round(treated), round(control), round(uplift),
                round(low), round(high));
    }

    /** Wilson's score interval at 95 %: {low, high}. */
    static double[] wilson(long successes, long n) {
        double p = (double) successes / n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    private static Double rate(long successes, long n) {
        return n == 0 ? null : (double) successes / n;
    }

    private static double sq(double x) {
        return x * x;
    }

    private static Double round(Double x) {
        return x == null ? null : Math.round(x * 10_000) / 10_000.0;
    }
}

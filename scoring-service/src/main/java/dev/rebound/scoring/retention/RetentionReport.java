package dev.rebound.scoring.retention;

import dev.rebound.contracts.data.RiskTier;
import dev.rebound.scoring.profile.CustomerProfile;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's retention figures for a period, from event time:
 * customer retention rate = (customers at end − new customers) / customers at start × 100, where a customer counts
 * while paying (MRR > 0) and "new" means first paying within the period and still paying at its end; customer churn
 * rate = customers paying at the start but not at the end / customers at start; per currency (minor units): MRR at
 * start and end, gross revenue churn = (MRR lost to churn + contraction of those still paying) / MRR at start, net
 * revenue churn = (lost + contraction − expansion) / MRR at start; MRR at risk now (HIGH and CRITICAL paying
 * customers); DAU, WAU and DAU/WAU stickiness on the period's last day.
 */
public record RetentionReport(Instant from, Instant to, long customersAtStart, long customersAtEnd, long newCustomers,
                              long churnedCustomers, Double retentionRate, Double churnRate,
                              Map<String, Money> revenue, long dailyActive, long weeklyActive, Double stickiness) {

    /** Per currency, minor units; rates as fractions (0.05 = 5 %), null when MRR at start is 0. */
    public record Money(long mrrAtStart, long mrrAtEnd, long churnedMrr, long contractionMrr, long expansionMrr,
                        Double grossRevenueChurn, Double netRevenueChurn, long mrrAtRisk) {}

    public static RetentionReport of(List<CustomerProfile> customers, Instant from, Instant to, Instant now) {
        long start = 0;
        long end = 0;
        long fresh = 0;
        long churned = 0;
        Map<String, long[]> money = new TreeMap<>(); // start, end, churned, contraction, expansion, atRisk
        long lastDay = to.minusMillis(1).atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
        long dau = 0;
        long wau = 0;
        for (CustomerProfile c : customers) {
            long atStart = c.mrrAt(from);
            long atEnd = c.mrrAt(to);
            long[] m = money.computeIfAbsent(c.currency() == null ? "unknown" : c.currency(), k -> new long[6]);
            m[0] += atStart;
            m[1] += atEnd;
            if (atStart > 0) {
                start++;
                if (atEnd == 0) {
                    churned++;
                    m[2] += atStart;
                } else if (atEnd < atStart) {
                    m[3] += atStart - atEnd;
                } else {
                    m[4] += atEnd - atStart;
                }
            }
            if (atEnd > 0) {
                end++;
                Instant first = c.firstPaidAt();
                if (first != null && !first.isBefore(from) && first.isBefore(to)) {
                    fresh++;
                }
            }
            if (c.mrrAt(now) > 0 && c.riskTier().compareTo(RiskTier.HIGH) >= 0) {
                m[5] += c.mrrAt(now);
            }
            if (c.activeOn(lastDay)) {
                dau++;
            }
            for (long day = lastDay - 6; day <= lastDay; day++) {
                if (c.activeOn(day)) {
                    wau++;
                    break;
                }
            }
        }
        Map<String, Money> revenue = new TreeMap<>();
        money.forEach((currency, m) -> revenue.put(currency, new Money(m[0], m[1], m[2], m[3], m[4],
                m[0] == 0 ? null : round((double) (m[2] + m[3]) / m[0]),
                m[0] == 0 ? null : round((double) (m[2] + m[3] - m[4]) / m[0]), m[5])));
        return new RetentionReport(from, to, start, end, fresh, churned,
                start == 0 ? null : round(100.0 * (end - fresh) / start),
                start == 0 ? null : round((double) churned / start), revenue, dau, wau,
                wau == 0 ? null : round((double) dau / wau));
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}

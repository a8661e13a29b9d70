package dev.rebound.scoring.retention;

import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.CancelReason;
import dev.rebound.contracts.data.CustomerSignedUp;
import dev.rebound.contracts.data.RiskTier;
import dev.rebound.contracts.data.SubscriptionCancelled;
import dev.rebound.contracts.data.SubscriptionChanged;
import dev.rebound.contracts.data.UsageSession;
import dev.rebound.scoring.profile.CustomerProfile;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * October 2026, six customers paying in USD, computed by hand:
 * A pays 1,000 throughout; B (2,000) cancels on 15 Oct; C drops from 3,000 to 1,500; D grows from 1,000 to 4,000;
 * E starts on 5 Oct at 500; F starts on 7 Oct at 700 and cancels on 25 Oct.
 * At start: A B C D = 4, MRR 7,000. At end: A C D E = 4, MRR 7,000. New and still paying: E = 1.
 * Retention = (4 − 1) / 4 × 100 = 75 %. Churned: B → 1 / 4 = 0.25. Lost 2,000, contraction 1,500, expansion 3,000:
 * gross revenue churn 3,500 / 7,000 = 0.5, net 500 / 7,000 = 0.0714. On 31 Oct A and D were active, in its week
 * A, C and D: DAU 2, WAU 3, stickiness 0.6667. D is HIGH now: MRR at risk 4,000.
 */
class RetentionReportTest {

    private static final Instant FROM = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void theFiguresMatchTheHandComputedOctober() {
        CustomerProfile a = customer("A", "2026-09-01", 1000);
        session(a, "2026-10-28");
        session(a, "2026-10-31");
        CustomerProfile b = customer("B", "2026-09-10", 2000);
        b.apply(EventType.SUBSCRIPTION_CANCELLED, new SubscriptionCancelled(CancelReason.PRICE, null, true, null),
                at("2026-10-15"));
        CustomerProfile c = customer("C", "2026-09-05", 3000);
        change(c, "2026-10-10", 3000, 1500);
        session(c, "2026-10-26");
        CustomerProfile d = customer("D", "2026-09-20", 1000);
        change(d, "2026-10-20", 1000, 4000);
        session(d, "2026-10-31");
        d.assessed(60, RiskTier.HIGH, List.of());
        CustomerProfile e = customer("E", "2026-10-05", 500);
        CustomerProfile f = customer("F", "2026-10-07", 700);
        f.apply(EventType.SUBSCRIPTION_CANCELLED, new SubscriptionCancelled(CancelReason.UNUSED, null, true, null),
                at("2026-10-25"));

        RetentionReport report = RetentionReport.of(List.of(a, b, c, d, e, f), FROM, TO, at("2026-11-20"));

        assertThat(report.customersAtStart()).isEqualTo(4);
        assertThat(report.customersAtEnd()).isEqualTo(4);
        assertThat(report.newCustomers()).isEqualTo(1);
        assertThat(report.retentionRate()).isEqualTo(75.0);
        assertThat(report.churnedCustomers()).isEqualTo(1);
        assertThat(report.churnRate()).isEqualTo(0.25);
        RetentionReport.Money usd = report.revenue().get("USD");
        assertThat(usd.mrrAtStart()).isEqualTo(7000);
        assertThat(usd.mrrAtEnd()).isEqualTo(7000);
        assertThat(usd.churnedMrr()).isEqualTo(2000);
        assertThat(usd.contractionMrr()).isEqualTo(1500);
        assertThat(usd.expansionMrr()).isEqualTo(3000);
        assertThat(usd.grossRevenueChurn()).isEqualTo(0.5);
        assertThat(usd.netRevenueChurn()).isEqualTo(0.0714);
        assertThat(usd.mrrAtRisk()).isEqualTo(4000);
        assertThat(report.dailyActive()).isEqualTo(2);
        assertThat(report.weeklyActive()).isEqualTo(3);
        assertThat(report.stickiness()).isEqualTo(0.6667);
    }

    @Test
    void anEmptyStartHasNoRates() {
        RetentionReport report = RetentionReport.of(List.of(customer("E", "2026-10-05", 500)), FROM, TO, TO);
        assertThat(report.customersAtStart()).isZero();
        assertThat(report.retentionRate()).isNull();
        assertThat(report.revenue().get("USD").grossRevenueChurn()).isNull();
    }

    @Test
    void lateEventsLandInTheRightPlaceOfTheTimeline() {
        CustomerProfile late = CustomerProfile.start("acme", "cus_late");
        late.apply(EventType.SUBSCRIPTION_CHANGED, new SubscriptionChanged("pro", "team", 1000, 5000, "USD", 1, 5),
                at("2026-10-20"));
        late.apply(EventType.CUSTOMER_SIGNED_UP, new CustomerSignedUp("pro", 1000, "USD", null, null, null, null),
                at("2026-09-01")); // arrives after the change, happened before it
        assertThat(late.mrrAt(FROM)).isEqualTo(1000);
        assertThat(late.mrrAt(TO)).isEqualTo(5000);
    }

    private static CustomerProfile customer(String name, String day, long mrr) {
        CustomerProfile p = CustomerProfile.start("acme", "cus_" + name);
        p.apply(EventType.CUSTOMER_SIGNED_UP, new CustomerSignedUp("pro", mrr, "USD", null, null, null, null), at(day));
        return p;
    }

    private static void change(CustomerProfile p, String day, long before, long after) {
        p.apply(EventType.SUBSCRIPTION_CHANGED, new SubscriptionChanged("pro", "other", before, after, "USD", null, null),
                at(day));
    }

    private static void session(CustomerProfile p, String day) {
        p.apply(EventType.USAGE_SESSION, new UsageSession(60L), at(day));
    }

    private static Instant at(String day) {
        return Instant.parse(day + "T12:00:00Z");
    }
}

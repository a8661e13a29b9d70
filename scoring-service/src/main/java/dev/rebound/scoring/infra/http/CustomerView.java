package dev.rebound.scoring.infra.http;

import dev.rebound.contracts.data.CancelReason;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.RiskReason;
import dev.rebound.contracts.data.RiskTier;
import dev.rebound.scoring.profile.CustomerProfile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the API shows of a profile. */
record CustomerView(String customerId, Lifecycle lifecycle, Risk risk, List<String> segments, Profile profile) {

    record Lifecycle(LifecycleStage stage, Instant since, CancelReason cancelReason, String cancelComment,
                     Instant cancelledAt) {}

    record Risk(int score, RiskTier tier, List<RiskReason> reasons) {}

    record Profile(String plan, long mrr, String currency, long lifetimeValue, long averageOrderValue,
                   Instant firstSeenAt, Instant lastActiveAt, int sessions, Map<String, Integer> featureUse,
                   int openTickets, int unansweredTickets, Integer latestNps, int cancelPageViews,
                   int openPaymentFailures, boolean championLeft, int limitsHit) {}

    static CustomerView of(CustomerProfile p, java.util.Set<dev.rebound.scoring.segments.ValueSegment> segments) {
        return new CustomerView(p.customerId(),
                new Lifecycle(p.stage(), p.stageSince(), p.cancelReason(), p.cancelComment(), p.cancelledAt()),
                new Risk(p.riskScore(), p.riskTier(), p.riskReasons()),
                segments.stream().map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList(),
                new Profile(p.plan(), p.mrr(), p.currency(), p.lifetimeValue(), p.averageOrderValue(),
                        p.firstSeenAt(), p.lastActiveAt(), p.sessions(), p.featureUse(), p.openTickets(),
                        p.unansweredTickets(), p.latestNps(), p.cancelPageViews(), p.openPaymentFailures(),
                        p.championLeft(), p.limitsHit()));
    }
}

package dev.rebound.contracts.data;

import java.util.List;

/** The typed payload ("data") of a catalog event. Records only; changes are additive with defaults. */
public sealed interface EventData permits
        CustomerSignedUp, CustomerUpdated, UsageSession, UsageFeatureUsed, UsageLimitReached, PageViewed,
        SubscriptionTrialStarted, SubscriptionStarted, SubscriptionChanged, SubscriptionCancelled,
        SubscriptionReactivated, SupportTicketActivity, FeedbackNps, AccountChampionLeft, FeatureAnnouncement,
        PaymentSucceeded, PaymentFailed, PaymentMethodInfo,
        RiskTierChanged, LifecycleStageChanged, RecoveryRetryScheduled, RecoverySucceeded, RecoveryExhausted,
        RecoveryCardUpdateRequested, RecoveryAttempted, RecoveryAuthenticationRequested, RecoveryPaidElsewhere,
        CampaignMessageSent, CampaignConverted {

    /** A null-safe immutable copy, for list components of event records. */
    static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}

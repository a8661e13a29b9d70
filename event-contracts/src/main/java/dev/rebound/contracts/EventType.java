package dev.rebound.contracts;

import dev.rebound.contracts.data.*;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type of the contract: its wire name, the topic it travels on, its data record and its
 * data schema ({@code /rebound/schemas/data/<wire name>.schema.json}).
 */
public enum EventType {
    CUSTOMER_SIGNED_UP("customer.signed_up", Topics.USAGE, CustomerSignedUp.class, true),
    CUSTOMER_UPDATED("customer.updated", Topics.USAGE, CustomerUpdated.class, true),
    USAGE_SESSION("usage.session", Topics.USAGE, UsageSession.class, true),
    USAGE_FEATURE_USED("usage.feature_used", Topics.USAGE, UsageFeatureUsed.class, true),
    USAGE_LIMIT_REACHED("usage.limit_reached", Topics.USAGE, UsageLimitReached.class, true),
    PAGE_VIEWED("page.viewed", Topics.USAGE, PageViewed.class, true),
    SUBSCRIPTION_TRIAL_STARTED("subscription.trial_started", Topics.USAGE, SubscriptionTrialStarted.class, true),
    SUBSCRIPTION_STARTED("subscription.started", Topics.USAGE, SubscriptionStarted.class, true),
    SUBSCRIPTION_CHANGED("subscription.changed", Topics.USAGE, SubscriptionChanged.class, true),
    SUBSCRIPTION_CANCELLED("subscription.cancelled", Topics.USAGE, SubscriptionCancelled.class, true),
    SUBSCRIPTION_REACTIVATED("subscription.reactivated", Topics.USAGE, SubscriptionReactivated.class, true),
    SUPPORT_TICKET_OPENED("support.ticket_opened", Topics.USAGE, SupportTicketActivity.class, true),
    SUPPORT_TICKET_REPLIED("support.ticket_replied", Topics.USAGE, SupportTicketActivity.class, true),
    SUPPORT_TICKET_CLOSED("support.ticket_closed", Topics.USAGE, SupportTicketActivity.class, true),
    FEEDBACK_NPS("feedback.nps", Topics.USAGE, FeedbackNps.class, true),
    ACCOUNT_CHAMPION_LEFT("account.champion_left", Topics.USAGE, AccountChampionLeft.class, true),
    FEATURE_REQUESTED("feature.requested", Topics.USAGE, FeatureAnnouncement.class, true),
    FEATURE_RELEASED("feature.released", Topics.USAGE, FeatureAnnouncement.class, true),
    PAYMENT_SUCCEEDED("payment.succeeded", Topics.BILLING, PaymentSucceeded.class, true),
    PAYMENT_FAILED("payment.failed", Topics.BILLING, PaymentFailed.class, true),
    PAYMENT_METHOD_EXPIRING("payment_method.expiring", Topics.BILLING, PaymentMethodInfo.class, true),
    PAYMENT_METHOD_UPDATED("payment_method.updated", Topics.BILLING, PaymentMethodInfo.class, true),

    RISK_TIER_CHANGED("risk.tier_changed", Topics.RISK, RiskTierChanged.class, false),
    LIFECYCLE_STAGE_CHANGED("lifecycle.stage_changed", Topics.RISK, LifecycleStageChanged.class, false),
    RECOVERY_RETRY_SCHEDULED("recovery.retry_scheduled", Topics.RECOVERY, RecoveryRetryScheduled.class, false),
    RECOVERY_SUCCEEDED("recovery.succeeded", Topics.RECOVERY, RecoverySucceeded.class, false),
    RECOVERY_EXHAUSTED("recovery.exhausted", Topics.RECOVERY, RecoveryExhausted.class, false),
    RECOVERY_CARD_UPDATE_REQUESTED("recovery.card_update_requested", Topics.RECOVERY,
            RecoveryCardUpdateRequested.class, false),
    RECOVERY_ATTEMPTED("recovery.attempted", Topics.RECOVERY, RecoveryAttempted.class, false),
    RECOVERY_AUTHENTICATION_REQUESTED("recovery.authentication_requested", Topics.RECOVERY,
            RecoveryAuthenticationRequested.class, false),
    RECOVERY_PAID_ELSEWHERE("recovery.paid_elsewhere", Topics.RECOVERY, RecoveryPaidElsewhere.class, false),
    CAMPAIGN_MESSAGE_SENT("campaign.message_sent", Topics.CAMPAIGN, CampaignMessageSent.class, false),
    CAMPAIGN_CONVERTED("campaign.converted", Topics.CAMPAIGN, CampaignConverted.class, false);

    private static final Map<String, EventType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String wireName;
    private final String topic;
    private final Class<? extends EventData> dataType;
    private final boolean inbound;

    EventType(String wireName, String topic, Class<? extends EventData> dataType, boolean inbound) {
        this.wireName = wireName;
        this.topic = topic;
        this.dataType = dataType;
        this.inbound = inbound;
    }

    public static Optional<EventType> fromWireName(String wireName) {
        return Optional.ofNullable(wireName).map(BY_WIRE_NAME::get);
    }

    public String wireName() {
        return wireName;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends EventData> dataType() {
        return dataType;
    }

    /** Inbound types are accepted by ingestion; the others are emitted by the services. */
    public boolean inbound() {
        return inbound;
    }

    public String dataSchemaResource() {
        return "/rebound/schemas/data/" + wireName + ".schema.json";
    }
}

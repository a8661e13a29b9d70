package dev.rebound.scoring.lifecycle;

import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.RiskTier;
import dev.rebound.scoring.profile.CustomerProfile;

import static dev.rebound.contracts.data.LifecycleStage.*;

/**
 * Where a customer stands after an event. Churn and reactivation come from subscription events; payment
 * trouble makes a customer PAST_DUE; a HIGH or CRITICAL risk tier makes an active customer AT_RISK;
 * onboarding ends once the customer has come back {@code activationSessions} times or used
 * {@code activationFeatures} features.
 */
public final class LifecycleStageRules {

    private final int activationSessions;
    private final int activationFeatures;
    private final java.util.Set<String> keyFeatures;

    public LifecycleStageRules(int activationSessions, int activationFeatures) {
        this(activationSessions, activationFeatures, java.util.Set.of());
    }

    /** @param keyFeatures when not empty, only these features count towards activation */
    public LifecycleStageRules(int activationSessions, int activationFeatures, java.util.Set<String> keyFeatures) {
        this.activationSessions = activationSessions;
        this.activationFeatures = activationFeatures;
        this.keyFeatures = java.util.Set.copyOf(keyFeatures);
    }

    public LifecycleStage next(CustomerProfile p, EventType type, RiskTier tier, boolean trialing) {
        LifecycleStage current = p.stage();
        LifecycleStage next = switch (type) {
            case SUBSCRIPTION_CANCELLED -> CHURNED;
            case SUBSCRIPTION_REACTIVATED -> REACTIVATED;
            case CUSTOMER_SIGNED_UP -> current != null ? current : trialing ? TRIAL : ONBOARDING;
            case SUBSCRIPTION_TRIAL_STARTED -> current == null || current == ONBOARDING ? TRIAL : current;
            case SUBSCRIPTION_STARTED -> current == CHURNED ? REACTIVATED : activated(p) ? ACTIVE : ONBOARDING;
            case PAYMENT_FAILED -> current == CHURNED ? CHURNED : PAST_DUE;
            // paid after all, by a retry of billing-recovery or by other means: no longer past due
            case PAYMENT_SUCCEEDED, RECOVERY_SUCCEEDED, RECOVERY_PAID_ELSEWHERE ->
                    current == PAST_DUE ? engaged(p) : current;
            default -> current == null ? engaged(p) : current == DORMANT && isActivity(type) ? ACTIVE : current;
        };
        if (next == ONBOARDING && activated(p)) {
            next = ACTIVE;
        }
        return riskOverlay(next, tier);
    }

    private static LifecycleStage riskOverlay(LifecycleStage stage, RiskTier tier) {
        boolean risky = tier.compareTo(RiskTier.HIGH) >= 0;
        if (risky && (stage == ACTIVE || stage == REACTIVATED)) {
            return AT_RISK;
        }
        if (!risky && stage == AT_RISK) {
            return ACTIVE;
        }
        return stage;
    }

    private LifecycleStage engaged(CustomerProfile p) {
        return activated(p) ? ACTIVE : ONBOARDING;
    }

    private boolean activated(CustomerProfile p) {
        long features = keyFeatures.isEmpty() ? p.featureUse().size()
                : p.featureUse().keySet().stream().filter(keyFeatures::contains).count();
        return p.sessions() >= activationSessions || features >= activationFeatures;
    }

    private static boolean isActivity(EventType type) {
        return type.wireName().startsWith("usage.") || type == EventType.PAGE_VIEWED;
    }
}

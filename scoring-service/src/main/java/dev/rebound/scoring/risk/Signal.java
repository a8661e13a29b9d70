package dev.rebound.scoring.risk;

import java.util.Arrays;
import java.util.Optional;

/**
 * The early-warning signals the weighted score reads, each with the name a reason carries, the name the settings
 * API uses and its shipped points. The defaults encode the usual early warnings: intent to cancel, a collapse of
 * the customer's own activity, silence, an onboarding that never reached a key action, payment trouble, a detractor
 * NPS, tickets left unanswered, the champion leaving, shrinking seats.
 */
public enum Signal {
    CANCEL_INTENT("cancel_page_viewed", "cancelPageViewed", 25),
    DOWNGRADE_INTENT("downgrade_intent", "downgradeIntent", 10),
    ACTIVITY_DROP("activity_dropping", "activityDropping", 30),
    INACTIVE("inactive", "inactive", 20),
    NO_KEY_ACTION("no_key_action", "noKeyAction", 30),
    LOW_KEY_FEATURE_BREADTH("low_key_feature_breadth", "lowKeyFeatureBreadth", 10),
    PAYMENT_FAILING("payment_failing", "paymentFailing", 20),
    CARD_EXPIRING("card_expiring", "cardExpiring", 5),
    DETRACTOR_NPS("detractor_nps", "detractorNps", 15),
    UNANSWERED_TICKETS("unanswered_tickets", "unansweredTickets", 10),
    CHAMPION_LEFT("champion_left", "championLeft", 20),
    SEATS_SHRINKING("seats_shrinking", "seatsShrinking", 10),
    LIMITS_HIT("limits_hit", "limitsHit", 5);

    private final String reason;
    private final String setting;
    private final double defaultPoints;

    Signal(String reason, String setting, double defaultPoints) {
        this.reason = reason;
        this.setting = setting;
        this.defaultPoints = defaultPoints;
    }

    /** The name a risk reason carries. */
    public String reason() {
        return reason;
    }

    /** The name in {@code /v1/scoring/config}'s {@code weights}. */
    public String setting() {
        return setting;
    }

    public double defaultPoints() {
        return defaultPoints;
    }

    public static Optional<Signal> bySetting(String setting) {
        return Arrays.stream(values()).filter(s -> s.setting.equals(setting)).findFirst();
    }
}

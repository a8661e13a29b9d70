package dev.rebound.campaign.trial;

import dev.rebound.campaign.message.OutboundMessage;
import dev.rebound.campaign.message.PlannedMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The trial's end: a reminder {@code before} the trial ends ("your trial ends in 3 days") and a note the day after it
 * expired, both planned when the trial starts (customer.signed_up or subscription.trial_started with its end). A
 * subscription started meanwhile ends the playbook (conversion {@code trial_converted}: the reminder that reached the
 * customer is credited, what is still waiting is skipped). A trial that ended more than {@code window} ago plans
 * nothing; a trial end announced again with the same date plans nothing new, a new date plans anew.
 */
public final class TrialPlaybook {

    public static final String PLAYBOOK = "trial";
    public static final String CONVERSION = "trial_converted";
    static final Duration AFTER_EXPIRY = Duration.ofDays(1);

    private final Duration before;
    private final Duration window;

    public TrialPlaybook(Duration before, Duration window) {
        this.before = before;
        this.window = window;
    }

    public List<PlannedMessage> onTrial(String tenantId, String customerId, String plan, Instant trialEndsAt,
                                        Instant now) {
        List<PlannedMessage> planned = new ArrayList<>();
        if (trialEndsAt == null || trialEndsAt.plus(AFTER_EXPIRY).plus(window).isBefore(now)) {
            return planned;
        }
        String endDate = trialEndsAt.toString().substring(0, 10);
        // days left when the reminder goes out, to the nearest day: 1 day and 23 hours is "2 days"; "tomorrow" for 1
        long seconds = Duration.between(later(trialEndsAt.minus(before), now), trialEndsAt).toSeconds();
        long daysLeft = Math.max(1, (seconds + 43_200) / 86_400);
        Map<String, String> variables = new java.util.HashMap<>(Map.of("trialEnds", endDate,
                "plan", plan == null ? "" : plan, "daysLeft", String.valueOf(daysLeft)));
        if (daysLeft == 1) {
            variables.put("lastDay", "true");
        }
        if (now.isBefore(trialEndsAt)) {
            planned.add(new PlannedMessage(tenantId, customerId, PLAYBOOK, OutboundMessage.Channel.EMAIL,
                    "trial:" + endDate + ":ending", "trial-ending", Map.copyOf(variables), later(trialEndsAt.minus(before), now)));
        }
        planned.add(new PlannedMessage(tenantId, customerId, PLAYBOOK, OutboundMessage.Channel.EMAIL,
                "trial:" + endDate + ":expired", "trial-expired", Map.copyOf(variables), later(trialEndsAt.plus(AFTER_EXPIRY), now)));
        return planned;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

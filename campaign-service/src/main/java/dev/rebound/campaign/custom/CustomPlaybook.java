package dev.rebound.campaign.custom;

import dev.rebound.campaign.playbook.PlaybookSettings;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A playbook a tenant wrote itself (as data, through {@code PUT /v1/playbooks/{id}}): what triggers it, which
 * customers it is for, how long it waits, its sequence of steps, what ends it for a customer, its own holdout, its cap
 * and the hard end of its sequence ({@code delay}: the wait before the first step, {@code "wait"} in its JSON). Its messages go through the same sender, consent, contact budget, quiet hours and
 * global holdout as the shipped playbooks'.
 *
 * @param marketing false only for a playbook triggered by billing-recovery (money owed: like dunning, never held out,
 *                  never waiting for the contact budget)
 */
public record CustomPlaybook(String id, String description, boolean enabled, Trigger trigger, Audience audience,
                             Duration delay, List<Step> steps, Set<String> exit, double holdoutPercent, Duration end,
                             PlaybookSettings.Cap cap) {

    /** Events a custom playbook can start on. */
    public static final List<String> EVENTS = List.of("signed_up", "stage_changed", "tier_changed", "recovery",
            "trial_ending", "nps", "feature_released");
    /** What can end a customer's sequence: each is also the conversion credited to the message that reached them. */
    public static final List<String> EXITS = List.of("came_back", "paid", "converted", "activated", "risk_lowered",
            "unsubscribed");
    public static final List<String> CHANNELS = List.of("email", "sms", "inapp", "csm");
    public static final List<String> SEGMENTS = List.of("high_ltv", "high_engagement", "high_aov");
    public static final List<String> RECOVERY_EVENTS = List.of("retry_scheduled", "card_update_requested",
            "authentication_requested", "exhausted");

    public CustomPlaybook {
        steps = List.copyOf(steps);
        exit = Set.copyOf(exit);
    }

    /**
     * @param to     the stage or tier entered (stage_changed, tier_changed) or billing-recovery's event (recovery)
     * @param before how long before the trial's end (trial_ending)
     * @param maxScore the highest NPS score that triggers it (nps)
     */
    public record Trigger(String event, String to, Duration before, Integer maxScore) {}

    /** Who it is for; an empty list does not narrow. */
    public record Audience(List<String> stages, List<String> tiers, List<String> segments, List<String> plans,
                           List<String> locales) {

        public static final Audience EVERYONE = new Audience(List.of(), List.of(), List.of(), List.of(), List.of());

        public Audience {
            stages = List.copyOf(stages);
            tiers = List.copyOf(tiers);
            segments = List.copyOf(segments);
            plans = List.copyOf(plans);
            locales = List.copyOf(locales);
        }
    }

    /**
     * One message of the sequence: its channel, its text per language ({@code "Subject: ...\nbody"}), an optional
     * offer (e.g. a discount code, {@code {{offer}}} in the text) and how long after the previous step it goes.
     */
    public record Step(String channel, Map<String, String> templates, String offer, Duration delay) {

        public Step {
            templates = Map.copyOf(templates);
        }
    }

    public boolean marketing() {
        return !"recovery".equals(trigger.event());
    }

    /** The template name of step {@code index} (0-based) in its messages. */
    public static String template(int index) {
        return "step-" + (index + 1);
    }

    /** What a step's text may use besides {@code name}: the common fields and those of its trigger. */
    public Set<String> fields() {
        return fieldsOf(trigger.event());
    }

    static Set<String> fieldsOf(String event) {
        Set<String> common = Set.of("name", "plan", "stage", "tier", "offer");
        Set<String> own = switch (event == null ? "" : event) {
            case "stage_changed" -> Set.of("reason");
            case "tier_changed" -> Set.of("score", "reasons");
            case "recovery" -> Set.of("invoice", "amount", "retryDate");
            case "trial_ending" -> Set.of("trialEnds", "daysLeft");
            case "nps" -> Set.of("score", "comment");
            case "feature_released" -> Set.of("feature", "description");
            default -> Set.of();
        };
        java.util.Set<String> all = new java.util.TreeSet<>(common);
        all.addAll(own);
        return all;
    }
}

package dev.rebound.recovery.retry;

import dev.rebound.recovery.decline.DeclineClass;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tenant's retry policy: the dunning window, the most retries per invoice, the local retry time and zone, its
 * own limit of retries per card in 30 days (it may only tighten the card networks' limits) and the retry offsets
 * per retryable decline class. {@link #problems()} names every field that is out of bounds.
 */
public record RetryPolicy(Duration dunningWindow, int maxAttempts, LocalTime retryTime, ZoneId zone,
                          int maxRetriesPerCardIn30Days, Map<DeclineClass, List<Duration>> schedule) {

    public static final Duration MAX_WINDOW = Duration.ofDays(90);
    public static final int MAX_ATTEMPTS = CardNetworkLimits.VISA_MAX_IN_30_DAYS;

    /** A field that is out of bounds, named as the API names it. */
    public record Problem(String field, String message) {}

    public RetryPolicy {
        schedule = schedule == null ? Map.of() : Map.copyOf(schedule);
    }

    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (dunningWindow == null || dunningWindow.compareTo(Duration.ofDays(1)) < 0 || dunningWindow.compareTo(MAX_WINDOW) > 0) {
            problems.add(new Problem("dunningWindow", "must be between 1 day and 90 days"));
        }
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            problems.add(new Problem("maxAttempts", "must be between 1 and " + MAX_ATTEMPTS));
        }
        if (retryTime == null) {
            problems.add(new Problem("retryTime", "is required, e.g. 10:00"));
        }
        if (zone == null) {
            problems.add(new Problem("zone", "is required, e.g. Europe/Berlin"));
        }
        if (maxRetriesPerCardIn30Days < 1 || maxRetriesPerCardIn30Days > CardNetworkLimits.VISA_MAX_IN_30_DAYS) {
            problems.add(new Problem("maxRetriesPerCardIn30Days", "must be between 1 and "
                    + CardNetworkLimits.VISA_MAX_IN_30_DAYS + ": a policy may only tighten the card networks' limits ("
                    + CardNetworkLimits.VERSION + ")"));
        }
        schedule.forEach((declineClass, offsets) -> checkOffsets(declineClass, offsets, problems));
        return problems;
    }

    private void checkOffsets(DeclineClass declineClass, List<Duration> offsets, List<Problem> problems) {
        String field = "schedule." + declineClass.name().toLowerCase(Locale.ROOT);
        if (!declineClass.retryable()) {
            problems.add(new Problem(field, declineClass.name().toLowerCase(Locale.ROOT) + " is never retried"));
            return;
        }
        if (offsets == null || offsets.isEmpty() || offsets.size() > MAX_ATTEMPTS) {
            problems.add(new Problem(field, "needs 1 to " + MAX_ATTEMPTS + " offsets"));
            return;
        }
        Duration previous = Duration.ZERO;
        for (int i = 0; i < offsets.size(); i++) {
            Duration offset = offsets.get(i);
            if (offset == null || offset.compareTo(previous) <= 0) {
                problems.add(new Problem(field + "[" + i + "]", "offsets must be positive and increasing"));
                return;
            }
            if (dunningWindow != null && offset.compareTo(dunningWindow) > 0) {
                problems.add(new Problem(field + "[" + i + "]", "is after the dunning window"));
                return;
            }
            previous = offset;
        }
    }

    /** The offsets of every retryable class: this policy's where it sets them, the defaults elsewhere. */
    public Map<DeclineClass, List<Duration>> effectiveSchedule() {
        Map<DeclineClass, List<Duration>> merged = new EnumMap<>(RetryPlanner.defaultOffsets());
        merged.putAll(schedule);
        return merged;
    }

    public RetryPlanner planner() {
        return new RetryPlanner(effectiveSchedule(), dunningWindow, maxRetriesPerCardIn30Days, retryTime, zone, maxAttempts);
    }
}

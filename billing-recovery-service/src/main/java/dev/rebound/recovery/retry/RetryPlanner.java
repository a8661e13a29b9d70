package dev.rebound.recovery.retry;

import dev.rebound.recovery.decline.DeclineClass;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the retry schedule is decided. Each retryable decline class has its own offsets from the first
 * failure (insufficient funds waits days, for money to arrive; processing errors retry within hours).
 * Day-scale retries happen at {@code retryTime} in {@code zone} (a morning, when cards succeed more often).
 * No retry after the dunning window, and never more than {@code maxRetriesPerCardIn30Days} on one card
 * (Visa allows 15 in 30 days).
 */
public final class RetryPlanner {

    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    private final Map<DeclineClass, List<Duration>> offsets;
    private final Duration dunningWindow;
    private final int maxRetriesPerCardIn30Days;
    private final LocalTime retryTime;
    private final ZoneId zone;

    public RetryPlanner(Map<DeclineClass, List<Duration>> offsets, Duration dunningWindow,
                        int maxRetriesPerCardIn30Days, LocalTime retryTime, ZoneId zone) {
        this.offsets = Map.copyOf(offsets);
        this.dunningWindow = dunningWindow;
        this.maxRetriesPerCardIn30Days = maxRetriesPerCardIn30Days;
        this.retryTime = retryTime;
        this.zone = zone;
    }

    public static Map<DeclineClass, List<Duration>> defaultOffsets() {
        return Map.of(
                DeclineClass.INSUFFICIENT_FUNDS, List.of(Duration.ofDays(2), Duration.ofDays(5), Duration.ofDays(9),
                        Duration.ofDays(14), Duration.ofDays(20)),
                DeclineClass.PROCESSING_ERROR, List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1),
                        Duration.ofDays(3)),
                DeclineClass.ISSUER_DECLINE, List.of(Duration.ofDays(1), Duration.ofDays(4), Duration.ofDays(8),
                        Duration.ofDays(15)));
    }

    /**
     * @param retriesDone         retries already made for this invoice
     * @param cardRetryTimes      when this card was retried (any invoice), for the network limit
     * @return when to retry next, or empty when recovery by retry is over
     */
    public Optional<Instant> next(DeclineClass declineClass, Instant firstFailedAt, int retriesDone,
                                  List<Instant> cardRetryTimes, Instant now) {
        List<Duration> schedule = offsets.getOrDefault(declineClass, List.of());
        if (!declineClass.retryable() || retriesDone >= schedule.size()) {
            return Optional.empty();
        }
        Instant at = align(firstFailedAt.plus(schedule.get(retriesDone)), schedule.get(retriesDone));
        if (at.isBefore(now)) {
            at = now;
        }
        if (at.isAfter(firstFailedAt.plus(dunningWindow))) {
            return Optional.empty();
        }
        Instant windowStart = at.minus(THIRTY_DAYS);
        long recent = cardRetryTimes.stream().filter(t -> t.isAfter(windowStart)).count();
        if (recent >= maxRetriesPerCardIn30Days) {
            return Optional.empty();
        }
        return Optional.of(at);
    }

    public Duration dunningWindow() {
        return dunningWindow;
    }

    private Instant align(Instant at, Duration offset) {
        if (offset.compareTo(Duration.ofDays(1)) < 0) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        return local.toLocalDate().atTime(retryTime).atZone(zone).toInstant();
    }
}

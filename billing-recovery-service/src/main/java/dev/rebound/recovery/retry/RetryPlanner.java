package dev.rebound.recovery.retry;

import dev.rebound.recovery.decline.DeclineClass;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
 * Insufficient funds waits for the next payday. No retry after the dunning window; the card networks' limits per
 * card ({@link CardNetworkLimits}) hold whatever the tenant configures, and {@code maxRetriesPerCardIn30Days} can
 * only tighten them.
 */
public final class RetryPlanner {

    private final Map<DeclineClass, List<Duration>> offsets;
    private final Duration dunningWindow;
    private final int maxRetriesPerCardIn30Days;
    private final LocalTime retryTime;
    private final ZoneId zone;
    private final int maxAttempts;

    public RetryPlanner(Map<DeclineClass, List<Duration>> offsets, Duration dunningWindow,
                        int maxRetriesPerCardIn30Days, LocalTime retryTime, ZoneId zone) {
        this(offsets, dunningWindow, maxRetriesPerCardIn30Days, retryTime, zone, Integer.MAX_VALUE);
    }

    /** @param maxAttempts the most retries of one invoice, whatever the schedule's length */
    public RetryPlanner(Map<DeclineClass, List<Duration>> offsets, Duration dunningWindow,
                        int maxRetriesPerCardIn30Days, LocalTime retryTime, ZoneId zone, int maxAttempts) {
        this.maxAttempts = maxAttempts;
        this.offsets = Map.copyOf(offsets);
        this.dunningWindow = dunningWindow;
        if (maxRetriesPerCardIn30Days < 1 || maxRetriesPerCardIn30Days > CardNetworkLimits.VISA_MAX_IN_30_DAYS) {
            throw new IllegalArgumentException("max retries per card in 30 days must be 1-"
                    + CardNetworkLimits.VISA_MAX_IN_30_DAYS + " (a tenant may only tighten the network limits), was "
                    + maxRetriesPerCardIn30Days);
        }
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

    /** What the planner needs to know of one invoice and its card. */
    public record Situation(DeclineClass declineClass, Instant firstFailedAt, int retriesDone, Instant lastAttemptAt,
                            String cardBrand, List<Instant> cardRetryTimes, ZoneId customerZone) {

        public Situation(DeclineClass declineClass, Instant firstFailedAt, int retriesDone, Instant lastAttemptAt,
                         String cardBrand, List<Instant> cardRetryTimes) {
            this(declineClass, firstFailedAt, retriesDone, lastAttemptAt, cardBrand, cardRetryTimes, null);
        }
    }

    /** Compatibility form for callers without attempt or card detail. */
    public Optional<Instant> next(DeclineClass declineClass, Instant firstFailedAt, int retriesDone,
                                  List<Instant> cardRetryTimes, Instant now) {
        return next(new Situation(declineClass, firstFailedAt, retriesDone, null, null, cardRetryTimes), now);
    }

    /**
     * When to retry next, or empty when recovery by retry is over: the class's next offset from the first failure,
     * at the local retry time for day-scale offsets; for insufficient funds also never within 24 hours of the last
     * attempt and on the next payday; never before {@code notBefore} (now, or later when the network asked to
     * wait); then moved later if the card's network limits need it; never past the dunning window.
     */
    public Optional<Instant> next(Situation s, Instant notBefore) {
        List<Duration> schedule = offsets.getOrDefault(s.declineClass(), List.of());
        if (!s.declineClass().retryable() || s.retriesDone() >= Math.min(schedule.size(), maxAttempts)) {
            return Optional.empty();
        }
        Duration offset = schedule.get(s.retriesDone());
        ZoneId local = s.customerZone() != null ? s.customerZone() : zone;
        Instant at = align(s.firstFailedAt().plus(offset), offset, local);
        if (s.declineClass() == DeclineClass.INSUFFICIENT_FUNDS) {
            Instant dayAfterLast = s.lastAttemptAt() == null ? at : s.lastAttemptAt().plus(Duration.ofDays(1));
            at = nextPaydayMorning(later(at, dayAfterLast), local);
        }
        at = later(at, notBefore);
        Instant windowEnd = s.firstFailedAt().plus(dunningWindow);
        if (at.isAfter(windowEnd)) {
            return Optional.empty();
        }
        return CardNetworkLimits.earliestAllowed(at, s.cardRetryTimes(),
                CardNetworkLimits.forBrand(s.cardBrand(), maxRetriesPerCardIn30Days), windowEnd);
    }

    private Instant nextPaydayMorning(Instant notBefore, ZoneId local) {
        LocalDate day = Paydays.onOrAfter(notBefore.atZone(local).toLocalDate());
        Instant morning = day.atTime(retryTime).atZone(local).toInstant();
        return morning.isBefore(notBefore) ? Paydays.onOrAfter(day.plusDays(1)).atTime(retryTime).atZone(local).toInstant()
                : morning;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    public Duration dunningWindow() {
        return dunningWindow;
    }

    private Instant align(Instant at, Duration offset, ZoneId local) {
        if (offset.compareTo(Duration.ofDays(1)) < 0) {
            return at;
        }
        ZonedDateTime there = at.atZone(local);
        return there.toLocalDate().atTime(retryTime).atZone(local).toInstant();
    }
}

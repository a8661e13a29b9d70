package dev.rebound.recovery.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How often one card may be retried, per card network. The table's version is explicit: Visa's excessive
 * reattempt rule as in force since April 2024 (at most 15 reattempts of one card in 30 days; the 2025 revision
 * allows 20 with merchant- and customer-initiated reattempts counted apart, but Rebound counts every reattempt
 * and keeps the stricter 15), Mastercard's excessive retry rule (at most 10 in 24 hours and 35 in 30 days).
 * A card of another or an unknown brand gets the strictest of both. A tenant may only tighten these.
 */
public final class CardNetworkLimits {

    public static final String VERSION = "visa-2024-04: 15 reattempts/30 days; mastercard-2024: 10/24 h and 35/30 days";
    public static final int VISA_MAX_IN_30_DAYS = 15;
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    /** At most {@code max} retries of one card in any window of {@code per}. */
    public record Limit(int max, Duration per) {}

    private CardNetworkLimits() {
    }

    public static List<Limit> forBrand(String brand) {
        return switch (brand == null ? "" : brand.toLowerCase(Locale.ROOT)) {
            case "visa" -> List.of(new Limit(VISA_MAX_IN_30_DAYS, THIRTY_DAYS));
            case "mastercard" -> List.of(new Limit(10, DAY), new Limit(35, THIRTY_DAYS));
            default -> List.of(new Limit(10, DAY), new Limit(VISA_MAX_IN_30_DAYS, THIRTY_DAYS));
        };
    }

    /** The network's limits for the brand plus the tenant's own (which can only make them stricter). */
    public static List<Limit> forBrand(String brand, int tenantMaxIn30Days) {
        List<Limit> limits = new ArrayList<>(forBrand(brand));
        limits.add(new Limit(tenantMaxIn30Days, THIRTY_DAYS));
        return limits;
    }

    /**
     * The earliest instant at or after {@code at} when one more retry keeps every limit, given when the card was
     * already retried; empty when it would be after {@code until}.
     */
    public static Optional<Instant> earliestAllowed(Instant at, List<Instant> past, List<Limit> limits, Instant until) {
        Instant t = at;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Limit limit : limits) {
                Instant windowEnd = t;
                Instant windowStart = t.minus(limit.per());
                List<Instant> inWindow = past.stream().filter(p -> p.isAfter(windowStart) && !p.isAfter(windowEnd))
                        .sorted().toList();
                if (inWindow.size() >= limit.max()) {
                    // wait until enough of them have left the window
                    t = inWindow.get(inWindow.size() - limit.max()).plus(limit.per()).plusMillis(1);
                    moved = true;
                }
            }
            if (t.isAfter(until)) {
                return Optional.empty();
            }
        }
        return Optional.of(t);
    }
}

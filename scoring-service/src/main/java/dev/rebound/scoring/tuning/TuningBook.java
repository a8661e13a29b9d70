package dev.rebound.scoring.tuning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tenant's effective settings (its own, else the defaults), read again after {@code refresh} so a change made
 * on another instance applies there within that time.
 */
public final class TuningBook {

    private record Entry(Tuning tuning, Instant until) {}

    private final Tunings tunings;
    private final Tuning defaults;
    private final Clock clock;
    private final Duration refresh;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public TuningBook(Tunings tunings, Tuning defaults, Clock clock, Duration refresh) {
        if (!defaults.problems().isEmpty()) {
            throw new IllegalArgumentException("the default scoring settings are invalid: " + defaults.problems());
        }
        this.tunings = tunings;
        this.defaults = defaults;
        this.clock = clock;
        this.refresh = refresh;
    }

    /** Every tenant on the same settings (tests, tools). */
    public static TuningBook fixed(Tuning tuning) {
        return new TuningBook(new Tunings() {
            @Override
            public java.util.Optional<Tuning> find(String tenantId) {
                return java.util.Optional.empty();
            }

            @Override
            public void save(String tenantId, Tuning t) {
                throw new UnsupportedOperationException("fixed settings");
            }
        }, tuning, Clock.systemUTC(), Duration.ofDays(365));
    }

    public Tuning of(String tenantId) {
        Instant now = clock.instant();
        Entry entry = cache.get(tenantId);
        if (entry == null || now.isAfter(entry.until())) {
            entry = new Entry(tunings.find(tenantId).orElse(defaults), now.plus(refresh));
            cache.put(tenantId, entry);
        }
        return entry.tuning();
    }

    /** Stores a tenant's settings; returns the problems (and stores nothing) when they are invalid. */
    public List<Tuning.Problem> change(String tenantId, Tuning tuning) {
        List<Tuning.Problem> problems = tuning.problems();
        if (problems.isEmpty()) {
            tunings.save(tenantId, tuning);
            cache.remove(tenantId);
        }
        return problems;
    }
}

package dev.rebound.scoring.segments;

import dev.rebound.scoring.profile.CustomerProfile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A customer's value segments in its tenant, from the tenant's thresholds (read at most once per {@code ttl}). */
public interface SegmentBook {

    Set<ValueSegment> of(CustomerProfile profile);

    SegmentBook NONE = profile -> Set.of();

    static SegmentBook cached(SegmentStore store, Duration ttl, Clock clock) {
        record Entry(Optional<SegmentThresholds> thresholds, Instant readAt) {}
        Map<String, Entry> cache = new ConcurrentHashMap<>();
        return profile -> {
            Instant now = clock.instant();
            Entry entry = cache.compute(profile.tenantId(), (tenant, known) ->
                    known != null && known.readAt().plus(ttl).isAfter(now) ? known
                            : new Entry(store.thresholds(tenant), now));
            return entry.thresholds().map(t -> t.segmentsOf(profile)).orElse(Set.of());
        };
    }
}

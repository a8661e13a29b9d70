package dev.rebound.scoring.segments;

import dev.rebound.scoring.profile.CustomerProfile;

import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a tenant's value segments start: the {@value #PERCENTILE}th percentile of each measure among the tenant's
 * customers with a non-zero value. A customer at or above it (and above zero) is in the segment.
 */
public record SegmentThresholds(String tenantId, Map<ValueSegment, Long> from, long customers, Instant computedAt) {

    public static final int PERCENTILE = 80;

    public SegmentThresholds {
        from = Map.copyOf(from);
    }

    public static SegmentThresholds of(String tenantId, List<CustomerProfile> profiles, Instant at) {
        Map<ValueSegment, Long> from = new EnumMap<>(ValueSegment.class);
        for (ValueSegment segment : ValueSegment.values()) {
            long[] values = profiles.stream().mapToLong(segment::measure).filter(v -> v > 0).sorted().toArray();
            from.put(segment, values.length == 0 ? Long.MAX_VALUE : percentile(values));
        }
        return new SegmentThresholds(tenantId, from, profiles.size(), at);
    }

    /** Nearest-rank percentile. */
    private static long percentile(long[] sorted) {
        int rank = (int) Math.ceil(PERCENTILE / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    public Set<ValueSegment> segmentsOf(CustomerProfile profile) {
        Set<ValueSegment> segments = EnumSet.noneOf(ValueSegment.class);
        for (ValueSegment segment : ValueSegment.values()) {
            long value = segment.measure(profile);
            if (value > 0 && value >= from.getOrDefault(segment, Long.MAX_VALUE)) {
                segments.add(segment);
            }
        }
        return segments;
    }
}

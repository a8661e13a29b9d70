package dev.rebound.scoring.segments;

import java.time.Clock;

/** Recomputes every tenant's segment thresholds from its customers (on a schedule: percentiles move slowly). */
public final class SegmentRefresh {

    private final SegmentStore store;
    private final Clock clock;

    public SegmentRefresh(SegmentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public int refresh() {
        int tenants = 0;
        for (String tenant : store.tenants()) {
            store.save(SegmentThresholds.of(tenant, store.measuresOf(tenant), clock.instant()));
            tenants++;
        }
        return tenants;
    }
}

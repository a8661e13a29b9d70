package dev.rebound.scoring.updating;

import java.time.Instant;

/**
 * Each tenant's event-time clock. While a tenant's events are arriving, silence is judged at the latest event time
 * they carry (never ahead of the wall clock), so replaying last year's history does not make its customers dormant
 * between two of their replayed events; once events stop arriving, at the wall clock.
 */
public interface Watermarks {

    /** Events up to {@code eventTime} of the tenant arrived at {@code arrivedAt}. */
    void advance(String tenantId, Instant eventTime, Instant arrivedAt);

    /** The time the tenant's silences are judged at, given the wall clock {@code now}. */
    Instant now(String tenantId, Instant now);

    /** The wall clock for every tenant. */
    Watermarks WALL_CLOCK = new Watermarks() {
        @Override
        public void advance(String tenantId, Instant eventTime, Instant arrivedAt) {
        }

        @Override
        public Instant now(String tenantId, Instant now) {
            return now;
        }
    };
}

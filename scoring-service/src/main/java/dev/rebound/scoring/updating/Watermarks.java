package dev.rebound.scoring.updating;

import java.time.Instant;

/**
 * Each tenant's event-time clock. While a tenant's events are arriving, silence is judged at the event time they
 * have reached (never ahead of the wall clock), so replaying last year's history does not make its customers dormant
 * between two of their replayed events; once events stop arriving, at the wall clock. The clock follows the tenant's
 * usage, which comes in several streams (the topic's partitions) consumed at different paces: it is the slowest of
 * the streams still delivering, so one partition running ahead does not make the others' customers look silent.
 */
public interface Watermarks {

    /** Events of the tenant up to {@code eventTime} arrived on {@code stream} at {@code arrivedAt}. */
    void advance(String tenantId, String stream, Instant eventTime, Instant arrivedAt);

    /** The time the tenant's silences are judged at, given the wall clock {@code now}. */
    Instant now(String tenantId, Instant now);

    /** The wall clock for every tenant. */
    Watermarks WALL_CLOCK = new Watermarks() {
        @Override
        public void advance(String tenantId, String stream, Instant eventTime, Instant arrivedAt) {
        }

        @Override
        public Instant now(String tenantId, Instant now) {
            return now;
        }
    };
}

package dev.rebound.recovery.customer;

import java.time.ZoneId;
import java.util.Optional;

/** Each customer's time zone, so retries land in their local morning. */
public interface CustomerZones {

    Optional<ZoneId> zoneOf(String tenantId, String customerId);

    void record(String tenantId, String customerId, ZoneId zone);
}

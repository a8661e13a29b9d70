package dev.rebound.recovery.customer;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.data.CustomerSignedUp;
import dev.rebound.contracts.data.CustomerUpdated;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * Keeps each customer's time zone from customer.signed_up and customer.updated. A zone that is not a valid IANA
 * zone id is ignored (the policy's zone applies), not treated as a poison record.
 */
public final class CustomerZoneRecording {

    private final CustomerZones zones;

    public CustomerZoneRecording(CustomerZones zones) {
        this.zones = zones;
    }

    public void record(CloudEvent event) {
        String zone = switch (EventJson.data(event)) {
            case CustomerSignedUp d -> d.timezone();
            case CustomerUpdated d -> d.timezone();
            default -> null;
        };
        if (zone == null) {
            return;
        }
        try {
            zones.record(event.tenantid(), event.subject(), ZoneId.of(zone));
        } catch (DateTimeException e) {
            // not a zone we can plan with: the tenant's policy zone stays in use
        }
    }
}

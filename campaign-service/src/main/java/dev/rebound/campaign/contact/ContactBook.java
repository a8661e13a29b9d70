package dev.rebound.campaign.contact;

import java.util.Map;
import java.util.Optional;

/** Contact details per customer; updates set only the fields given, so replays are harmless. */
public interface ContactBook {

    Optional<Contact> find(String tenantId, String customerId);

    void update(String tenantId, String customerId, Map<String, Object> fields);

    /**
     * Sets {@code fields} only if what they say is newer than what the book holds: {@code clock} (e.g.
     * {@code stageAt}) records the event time of the last change kept, so an older event consumed late (another
     * partition, a replay) does not overwrite a newer one.
     */
    void updateIfNewer(String tenantId, String customerId, String clock, java.time.Instant at,
                       Map<String, Object> fields);

    /** Every contact of the tenant, one at a time (never all in memory): a release's announcement. */
    default void forEachOfTenant(String tenantId, java.util.function.Consumer<Contact> each) {
        throw new UnsupportedOperationException("this contact book cannot list a tenant's contacts");
    }
}

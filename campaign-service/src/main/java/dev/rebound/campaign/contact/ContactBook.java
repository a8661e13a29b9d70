package dev.rebound.campaign.contact;

import java.util.Map;
import java.util.Optional;

/** Contact details per customer; updates set only the fields given, so replays are harmless. */
public interface ContactBook {

    Optional<Contact> find(String tenantId, String customerId);

    void update(String tenantId, String customerId, Map<String, Object> fields);

    /** Every contact of the tenant, one at a time (never all in memory): a release's announcement. */
    default void forEachOfTenant(String tenantId, java.util.function.Consumer<Contact> each) {
        throw new UnsupportedOperationException("this contact book cannot list a tenant's contacts");
    }
}

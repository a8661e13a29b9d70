package dev.rebound.campaign.contact;

import java.util.Map;
import java.util.Optional;

/** Contact details per customer; updates set only the fields given, so replays are harmless. */
public interface ContactBook {

    Optional<Contact> find(String tenantId, String customerId);

    void update(String tenantId, String customerId, Map<String, Object> fields);
}

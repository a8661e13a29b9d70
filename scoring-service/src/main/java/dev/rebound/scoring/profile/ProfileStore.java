package dev.rebound.scoring.profile;

import java.util.Optional;

/** Where profiles live. */
public interface ProfileStore {

    Optional<CustomerProfile> find(String tenantId, String customerId);

    /** Saves if nobody else saved since {@code profile.version()} was read; otherwise throws. */
    void save(CustomerProfile profile) throws ConcurrentProfileUpdateException;
}

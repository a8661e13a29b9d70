package dev.rebound.scoring.profile;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where profiles live. */
public interface ProfileStore {

    Optional<CustomerProfile> find(String tenantId, String customerId);

    /**
     * The stored profiles among these ids ({@link CustomerProfile#idOf}), by id; a store that can reads them in one
     * query. Tenant ids hold no {@code :}, so an id splits at its first one.
     */
    default Map<String, CustomerProfile> findAll(Collection<String> ids) {
        Map<String, CustomerProfile> found = new java.util.HashMap<>();
        for (String id : ids) {
            int colon = id.indexOf(':');
            find(id.substring(0, colon), id.substring(colon + 1)).ifPresent(p -> found.put(id, p));
        }
        return found;
    }

    /** Saves if nobody else saved since {@code profile.version()} was read; otherwise throws. */
    void save(CustomerProfile profile) throws ConcurrentProfileUpdateException;

    /**
     * Saves each profile nobody else saved since it was read, in one write where the store can; returns the ids of
     * those another writer changed meanwhile, which are not saved (their versions stay as read).
     */
    default Set<String> saveAll(List<CustomerProfile> profiles) {
        Set<String> conflicts = new HashSet<>();
        for (CustomerProfile profile : profiles) {
            try {
                save(profile);
            } catch (ConcurrentProfileUpdateException e) {
                conflicts.add(profile.id());
            }
        }
        return conflicts;
    }

    /**
     * Saves profiles the dormancy detector looked at, which a look changes only in its stage, risk, next look and
     * outbox ({@code ProfileUpdating.look}): a store that can writes only those; otherwise as {@link #saveAll}.
     */
    default Set<String> saveLooked(List<CustomerProfile> profiles) {
        return saveAll(profiles);
    }
}

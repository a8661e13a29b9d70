package dev.rebound.campaign.custom;

import java.util.List;
import java.util.Optional;

/** Each tenant's own playbooks, kept as the JSON the tenant saved (checked before it is saved). */
public interface CustomPlaybookStore {

    List<CustomPlaybook> all(String tenantId);

    default Optional<CustomPlaybook> find(String tenantId, String id) {
        return all(tenantId).stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Saves (or replaces) a tenant's playbook; {@code json} is what {@link CustomPlaybookReader} accepted. */
    void save(String tenantId, String id, String json);

    /** True when there was such a playbook. */
    boolean delete(String tenantId, String id);

    CustomPlaybookStore NONE = new CustomPlaybookStore() {
        @Override
        public List<CustomPlaybook> all(String tenantId) {
            return List.of();
        }

        @Override
        public void save(String tenantId, String id, String json) {
            throw new UnsupportedOperationException("no store for tenants' playbooks");
        }

        @Override
        public boolean delete(String tenantId, String id) {
            return false;
        }
    };
}

package dev.rebound.scoring.tuning;

import java.util.Optional;

/** Where tenants' own scoring settings are kept. */
public interface Tunings {

    Optional<Tuning> find(String tenantId);

    void save(String tenantId, Tuning tuning);
}

package dev.rebound.scoring.segments;

import dev.rebound.scoring.profile.CustomerProfile;

import java.util.List;
import java.util.Optional;

/** The tenants' segment thresholds, and the customers they are computed from. */
public interface SegmentStore {

    Optional<SegmentThresholds> thresholds(String tenantId);

    void save(SegmentThresholds thresholds);

    List<String> tenants();

    /** The measures of a tenant's customers (only the fields the measures need). */
    List<CustomerProfile> measuresOf(String tenantId);
}

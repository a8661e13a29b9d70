package dev.rebound.scoring.retention;

import dev.rebound.scoring.profile.CustomerProfile;

import java.util.List;

/** A tenant's customers, with the fields the period figures need. */
public interface TenantCustomers {

    List<CustomerProfile> customersOf(String tenantId);
}

package dev.rebound.recovery.retry;

import java.util.Optional;

/** Where tenants' own retry policies are kept. */
public interface RetryPolicies {

    Optional<RetryPolicy> find(String tenantId);

    void save(String tenantId, RetryPolicy policy);
}

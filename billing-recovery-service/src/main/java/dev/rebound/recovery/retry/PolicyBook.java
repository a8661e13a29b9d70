package dev.rebound.recovery.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tenant's effective retry policy (its own, else the defaults) and the planner for it. Policies are read
 * again after {@code refresh}, so a change made on another instance applies there within that time.
 */
public final class PolicyBook {

    private record Entry(RetryPolicy policy, RetryPlanner planner, Instant until) {}

    private final RetryPolicies policies;
    private final RetryPolicy defaults;
    private final Clock clock;
    private final Duration refresh;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public PolicyBook(RetryPolicies policies, RetryPolicy defaults, Clock clock, Duration refresh) {
        List<RetryPolicy.Problem> problems = defaults.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the default retry policy is invalid: " + problems);
        }
        this.policies = policies;
        this.defaults = defaults;
        this.clock = clock;
        this.refresh = refresh;
    }

    public RetryPolicy policy(String tenantId) {
        return entry(tenantId).policy();
    }

    public RetryPlanner planner(String tenantId) {
        return entry(tenantId).planner();
    }

    public RetryPolicy defaults() {
        return defaults;
    }

    /** Stores a tenant's policy; returns the problems (and stores nothing) when it is invalid. */
    public List<RetryPolicy.Problem> change(String tenantId, RetryPolicy policy) {
        List<RetryPolicy.Problem> problems = policy.problems();
        if (problems.isEmpty()) {
            policies.save(tenantId, policy);
            cache.remove(tenantId);
        }
        return problems;
    }

    private Entry entry(String tenantId) {
        Instant now = clock.instant();
        Entry entry = cache.get(tenantId);
        if (entry == null || now.isAfter(entry.until())) {
            RetryPolicy policy = policies.find(tenantId).orElse(defaults);
            entry = new Entry(policy, policy.planner(), now.plus(refresh));
            cache.put(tenantId, entry);
        }
        return entry;
    }
}

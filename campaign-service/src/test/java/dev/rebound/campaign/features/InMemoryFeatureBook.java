package dev.rebound.campaign.features;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The feature book's contract in memory, for domain tests. */
public final class InMemoryFeatureBook implements FeatureBook {

    private final Map<String, Set<String>> requests = new LinkedHashMap<>();
    private final Map<String, Release> releases = new LinkedHashMap<>();

    @Override
    public void requested(String tenantId, String customerId, String feature) {
        requests.computeIfAbsent(tenantId + "|" + feature, k -> new LinkedHashSet<>()).add(customerId);
    }

    @Override
    public List<String> requesters(String tenantId, String feature) {
        return List.copyOf(requests.getOrDefault(tenantId + "|" + feature, Set.of()));
    }

    @Override
    public java.util.Optional<Release> release(String tenantId, String feature) {
        return java.util.Optional.ofNullable(releases.get(tenantId + "|" + feature));
    }

    @Override
    public boolean released(String tenantId, Release release) {
        return releases.putIfAbsent(tenantId + "|" + release.feature(), release) == null;
    }

    @Override
    public List<Release> releasedBetween(String tenantId, Instant from, Instant to, int limit) {
        List<Release> found = new ArrayList<>();
        releases.forEach((key, r) -> {
            if (key.startsWith(tenantId + "|") && !r.releasedAt().isBefore(from) && !r.releasedAt().isAfter(to)) {
                found.add(r);
            }
        });
        return found.stream().sorted(Comparator.comparing(Release::releasedAt)).limit(limit).toList();
    }
}

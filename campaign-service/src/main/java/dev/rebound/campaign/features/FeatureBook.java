package dev.rebound.campaign.features;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What customers asked for and what shipped, per tenant. */
public interface FeatureBook {

    record Release(String feature, String description, Instant releasedAt) {}

    void requested(String tenantId, String customerId, String feature);

    List<String> requesters(String tenantId, String feature);

    Optional<Release> release(String tenantId, String feature);

    /** Records a release once (the first announcement's time stands); true when it was new. */
    boolean released(String tenantId, Release release);

    /** Releases in {@code [from, to]}, oldest first, at most {@code limit}. */
    List<Release> releasedBetween(String tenantId, Instant from, Instant to, int limit);
}

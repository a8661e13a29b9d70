package dev.rebound.campaign.features;

import dev.rebound.campaign.message.OutboundMessage;
import dev.rebound.campaign.message.PlannedMessage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Requested features: each request is remembered, and when the feature ships every customer who asked for it gets a
 * notice ("what you asked for is live"), once per customer and feature however often the release is announced. A
 * request for a feature that already shipped gets the notice at once: the order in which a request and the release
 * arrive does not decide who hears.
 */
public final class FeatureNews {

    public static final String PLAYBOOK = "feature-shipped";
    static final int MAX_FEATURE = 100;

    private final FeatureBook book;

    public FeatureNews(FeatureBook book) {
        this.book = book;
    }

    public java.util.Optional<PlannedMessage> onRequested(String tenantId, String customerId, String feature,
                                                          Instant now) {
        if (!valid(feature)) {
            return java.util.Optional.empty();
        }
        book.requested(tenantId, customerId, feature);
        return book.release(tenantId, feature).map(r -> notice(tenantId, customerId, r.feature(), r.description(), now));
    }

    public List<PlannedMessage> onReleased(String tenantId, String feature, String description, Instant at,
                                           Instant now) {
        if (!valid(feature)) {
            return List.of();
        }
        book.released(tenantId, new FeatureBook.Release(feature, description, at));
        FeatureBook.Release shipped = book.release(tenantId, feature).orElseThrow();
        return book.requesters(tenantId, feature).stream()
                .map(customer -> notice(tenantId, customer, feature, shipped.description(), now))
                .toList();
    }

    private static PlannedMessage notice(String tenantId, String customerId, String feature, String description,
                                         Instant now) {
        Map<String, String> variables = description == null || description.isBlank()
                ? Map.of("feature", feature) : Map.of("feature", feature, "description", description);
        return new PlannedMessage(tenantId, customerId, PLAYBOOK, OutboundMessage.Channel.EMAIL,
                "feature:" + feature, "feature-shipped", variables, now);
    }

    private static boolean valid(String feature) {
        return feature != null && !feature.isBlank() && feature.length() <= MAX_FEATURE;
    }
}

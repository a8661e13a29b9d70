package dev.rebound.campaign.dormant;

import dev.rebound.campaign.features.FeatureBook;
import dev.rebound.campaign.message.OutboundMessage;
import dev.rebound.campaign.message.PlannedMessage;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.LifecycleStageChanged;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A customer scoring found gone quiet (stage DORMANT) gets one reactivation email with a digest of what shipped over
 * the {@code digestPeriod} before they went quiet (the tenant's {@code feature.released}), or a plain "we kept your
 * account ready" when nothing did. Coming back ends the playbook (conversion {@code reactivated}). No mail for a
 * dormancy older than {@code window}.
 */
public final class DormantReactivation {

    public static final String PLAYBOOK = "dormant";
    static final int DIGEST_SIZE = 5;

    private final FeatureBook features;
    private final Duration digestPeriod;
    private final Duration window;

    public DormantReactivation(FeatureBook features, Duration digestPeriod, Duration window) {
        this.features = features;
        this.digestPeriod = digestPeriod;
        this.window = window;
    }

    public Optional<PlannedMessage> onStageChanged(String tenantId, String customerId, String triggerId,
                                                   LifecycleStageChanged change, Instant now) {
        if (change.to() != LifecycleStage.DORMANT || change.changedAt().isBefore(now.minus(window))) {
            return Optional.empty();
        }
        List<FeatureBook.Release> shipped = features.releasedBetween(tenantId,
                change.changedAt().minus(digestPeriod), now, DIGEST_SIZE);
        Map<String, String> variables = shipped.isEmpty() ? Map.of() : Map.of("shipped", shipped.stream()
                .map(r -> "- " + r.feature() + (r.description() == null || r.description().isBlank() ? ""
                        : ": " + r.description()))
                .collect(Collectors.joining("\n")));
        return Optional.of(new PlannedMessage(tenantId, customerId, PLAYBOOK, OutboundMessage.Channel.EMAIL,
                triggerId, "dormant-digest", variables, now, change.changedAt().plus(window)));
    }
}

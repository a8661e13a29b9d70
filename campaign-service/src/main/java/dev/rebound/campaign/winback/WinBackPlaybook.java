package dev.rebound.campaign.winback;

import dev.rebound.campaign.message.OutboundMessage;
import dev.rebound.campaign.message.PlannedMessage;
import dev.rebound.contracts.data.CancelReason;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.LifecycleStageChanged;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Win-back after cancellation, tailored to the reason the customer gave: price gets a time-limited discount,
 * technical gets what was fixed, product and competition get what shipped, unused gets a pause offer,
 * support gets a named contact. Never sent when the churn is older than {@code window}: no mail months after
 * someone left, neither planned then nor, planned earlier, sent then.
 */
public final class WinBackPlaybook {

    public static final String PLAYBOOK = "winback";

    private final Duration wait;
    private final Duration window;
    private final int discountPercent;
    private final Duration discountValidFor;

    public WinBackPlaybook(Duration wait, Duration window, int discountPercent, Duration discountValidFor) {
        this.wait = wait;
        this.window = window;
        this.discountPercent = discountPercent;
        this.discountValidFor = discountValidFor;
    }

    public Optional<PlannedMessage> onStageChanged(String tenantId, String customerId, String triggerId,
                                                   LifecycleStageChanged change, Instant now) {
        if (change.to() != LifecycleStage.CHURNED || change.changedAt().isBefore(now.minus(window))) {
            return Optional.empty();
        }
        CancelReason reason = change.cancelReason() == null ? CancelReason.OTHER : change.cancelReason();
        Instant due = later(change.changedAt().plus(wait), now);
        Map<String, String> variables = Map.of(
                "reason", reason.wireName(),
                reason.wireName(), "true",
                "discountPercent", String.valueOf(discountPercent),
                "offerEnds", due.plus(discountValidFor).toString().substring(0, 10));
        return Optional.of(new PlannedMessage(tenantId, customerId, PLAYBOOK, OutboundMessage.Channel.EMAIL,
                triggerId, "winback", variables, due, change.changedAt().plus(window)));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

package dev.rebound.recovery.decline;

import java.time.Duration;

/**
 * A classified decline: its class, the rule of the table that decided (e.g. {@code visa:14}, {@code stripe:expired_card},
 * {@code default} for an unknown code) and, when the network said so, the earliest a retry may happen.
 */
public record Decline(DeclineClass declineClass, String rule, Duration earliestRetryAfter) {

    public boolean unknownCode() {
        return rule.startsWith(DeclineClassifier.DEFAULT_RULE);
    }
}

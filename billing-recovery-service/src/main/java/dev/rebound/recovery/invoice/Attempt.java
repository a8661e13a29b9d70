package dev.rebound.recovery.invoice;

import java.time.Instant;

/**
 * One charge of the invoice: a failure reported upstream (ORIGINAL, with the billing system's own attempt number)
 * or one of our retries; {@code rule} is the decline-table rule that classified a decline.
 */
public record Attempt(int number, Instant at, Kind kind, boolean succeeded, String declineCode, String declineClass,
                      String paymentMethodId, int reportedAttempt, String rule) {

    public enum Kind { ORIGINAL, RETRY }
}

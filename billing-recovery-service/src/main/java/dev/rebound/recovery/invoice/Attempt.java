package dev.rebound.recovery.invoice;

import java.time.Instant;

/** One charge of the invoice: the original failure reported upstream, or one of our retries. */
public record Attempt(int number, Instant at, Kind kind, boolean succeeded, String declineCode, String declineClass,
                      String paymentMethodId) {

    public enum Kind { ORIGINAL, RETRY }
}

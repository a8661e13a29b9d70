package dev.rebound.recovery.invoice;

import java.time.Instant;

/** What the retry policy decided after a decline. */
public sealed interface NextStep {

    /** Charge again at this time. */
    record RetryAt(Instant at) implements NextStep {}

    /** No retry can help until the customer gives a new card. */
    record NewCardNeeded() implements NextStep {}

    /** No blind retry: the customer has to authenticate the payment. */
    record AuthenticationNeeded() implements NextStep {}

    /** Recovery by retry is over. */
    record GiveUp(String reason) implements NextStep {}
}

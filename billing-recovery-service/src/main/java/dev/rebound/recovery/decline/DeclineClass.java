package dev.rebound.recovery.decline;

/** How a decline should be handled. Soft classes are retried; the others need the customer to act. */
public enum DeclineClass {
    /** not enough money now; likely fine after payday */
    INSUFFICIENT_FUNDS(true),
    /** a hiccup at the issuer or network; retry soon */
    PROCESSING_ERROR(true),
    /** issuer declined without a reason (do_not_honor, generic_decline); retry a few times, spaced out */
    ISSUER_DECLINE(true),
    /** the card itself is unusable (expired, lost, stolen, wrong number): ask for a new card */
    CARD_UNUSABLE(false),
    /** the network said not to try this card again: never retry it */
    DO_NOT_RETRY(false);

    private final boolean retryable;

    DeclineClass(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}

package dev.rebound.recovery.decline;

/** How a decline is handled: each class has one action. Only the soft classes are retried. */
public enum DeclineClass {
    /** not enough money now; likely fine after payday */
    INSUFFICIENT_FUNDS(Action.RETRY_LATER),
    /** a hiccup at the issuer, network or gateway; retry soon */
    PROCESSING_ERROR(Action.RETRY_SOON),
    /** issuer declined without a usable reason (do_not_honor, generic_decline); retry a few times, spaced out */
    ISSUER_DECLINE(Action.RETRY_LATER),
    /** the card itself is unusable (expired, lost, stolen, wrong number, closed): ask for a new card */
    CARD_UNUSABLE(Action.ASK_FOR_NEW_CARD),
    /** the issuer wants the customer to authenticate (3-D Secure / SCA): no blind retry */
    AUTHENTICATION_REQUIRED(Action.ASK_TO_AUTHENTICATE),
    /** fraud, a stopped payment, or a network's "do not try again": this card is never retried */
    DO_NOT_RETRY(Action.NEVER_RETRY);

    /** What the recovery does after a decline of the class. */
    public enum Action { RETRY_LATER, RETRY_SOON, ASK_FOR_NEW_CARD, ASK_TO_AUTHENTICATE, NEVER_RETRY }

    private final Action action;

    DeclineClass(Action action) {
        this.action = action;
    }

    public Action action() {
        return action;
    }

    public boolean retryable() {
        return action == Action.RETRY_LATER || action == Action.RETRY_SOON;
    }
}

package dev.rebound.recovery.predunning;

/** Where card-expiry notices are kept. */
public interface CardExpiryNotices {

    /** Stores the notice unless one with its id exists; true when it was new. */
    boolean addOnce(CardExpiryNotice notice);
}

package dev.rebound.recovery.invoice;

/** Another writer changed the recovery first; the caller retries against the new state. */
public class ConcurrentRecoveryUpdateException extends RuntimeException {

    public ConcurrentRecoveryUpdateException(String id) {
        super("recovery " + id + " changed concurrently");
    }
}

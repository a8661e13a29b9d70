package dev.rebound.scoring.profile;

/** Another writer changed the profile first; the event is retried against the new state. */
public class ConcurrentProfileUpdateException extends RuntimeException {

    public ConcurrentProfileUpdateException(String profileId) {
        super("profile " + profileId + " changed concurrently");
    }
}

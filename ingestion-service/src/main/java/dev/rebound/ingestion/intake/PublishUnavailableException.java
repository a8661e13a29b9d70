package dev.rebound.ingestion.intake;

/** The event log did not acknowledge the events: the client must retry (503), nothing was acknowledged. */
public class PublishUnavailableException extends RuntimeException {

    public PublishUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.rebound.contracts;

/** A record or body that cannot be read as the event it claims to be. Never retried: it goes to the DLQ. */
public class EventFormatException extends RuntimeException {

    public EventFormatException(String message) {
        super(message);
    }

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.rebound.ingestion.stripe;

/** A webhook whose signature is missing, malformed, stale or wrong: 400, nothing published. */
public class SignatureRejectedException extends RuntimeException {

    public SignatureRejectedException(String message) {
        super(message);
    }
}

package dev.rebound.recovery.gateway;

/** The gateway could not be reached or answered with a server error; the attempt did not happen. */
public class GatewayUnavailableException extends RuntimeException {

    public GatewayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

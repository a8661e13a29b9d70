package dev.rebound.recovery.gateway;

/**
 * The gateway refused the request itself (a wrong key, an unknown invoice: a 4xx that is not a card decline).
 * Not retried by the transport and no attempt is recorded: it needs an operator, not another try.
 */
public class GatewayRefusedException extends RuntimeException {

    public GatewayRefusedException(String message) {
        super(message);
    }
}

package dev.rebound.campaign.message;

/**
 * A channel (mail server, SMS provider, CSM webhook) cannot take a message now: it is down, slow or limiting; the
 * message waits and is tried again.
 */
public final class ChannelUnavailable extends RuntimeException {
    public ChannelUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}

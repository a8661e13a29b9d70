package dev.rebound.campaign.message;

/** A channel will never take this message (a number or payload it rejects, revoked credentials, none configured). */
public final class ChannelRefused extends RuntimeException {
    public ChannelRefused(String message) {
        super(message);
    }
}

package dev.rebound.campaign.message;

/**
 * Text messages through an SMS provider's HTTP API. {@link ChannelUnavailable} means "not now, try again later" (the
 * provider is down or slow); {@link ChannelRefused} means this text will never go (a number the provider rejects,
 * revoked credentials).
 */
public interface SmsChannel {

    /**
     * @param messageId   stable per message
     * @param to          E.164 number
     * @param traceparent the W3C trace context of the send (null: untraced)
     */
    record Sms(String messageId, String to, String text, String traceparent) {}

    /** False when no provider is configured: SMS messages are then skipped, visibly. */
    boolean configured();

    void send(Sms sms);

    SmsChannel NONE = new SmsChannel() {
        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public void send(Sms sms) {
            throw new ChannelRefused("no SMS provider configured");
        }
    };
}

package dev.rebound.campaign.message;

/**
 * Sends one email; throws when the mail server did not take it: {@link ChannelUnavailable} when it could not be
 * reached at all (nothing was sent: safe to try again later), anything else when the outcome is unknown.
 */
public interface EmailChannel {

    void send(Email email);

    /**
     * @param messageId   stable per message, so a resend after a crash is recognisable downstream
     * @param unsubscribe the one-click unsubscribe URL (RFC 8058)
     * @param traceparent the W3C trace context of the send (null: untraced), so a mail can be followed to its cause
     */
    record Email(String messageId, String to, String subject, String body, String unsubscribe, String traceparent) {

        public Email(String messageId, String to, String subject, String body, String unsubscribe) {
            this(messageId, to, subject, body, unsubscribe, null);
        }
    }
}

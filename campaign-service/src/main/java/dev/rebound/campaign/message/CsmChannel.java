package dev.rebound.campaign.message;

/**
 * Alerts for the customer-success team (a Slack-compatible webhook): the customer is not contacted, a person is asked
 * to act. {@link ChannelUnavailable} means "not now, try again later"; {@link ChannelRefused} means the webhook will
 * never take it.
 */
public interface CsmChannel {

    record Alert(String messageId, String tenantId, String customerId, String title, String text) {}

    /** False when no webhook is configured: CSM alerts are then skipped, visibly. */
    boolean configured();

    void post(Alert alert);

    CsmChannel NONE = new CsmChannel() {
        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public void post(Alert alert) {
            throw new ChannelRefused("no CSM webhook configured");
        }
    };
}

package dev.rebound.campaign.message;

/**
 * Alerts for the customer-success team (a Slack-compatible webhook): the customer is not contacted, a person is asked
 * to act. {@link Unavailable} means "not now, try again later"; {@link Refused} means the webhook will never take it.
 */
public interface CsmChannel {

    record Alert(String messageId, String tenantId, String customerId, String title, String text) {}

    /** False when no webhook is configured: CSM alerts are then skipped, visibly. */
    boolean configured();

    void post(Alert alert);

    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    CsmChannel NONE = new CsmChannel() {
        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public void post(Alert alert) {
            throw new Refused("no CSM webhook configured");
        }
    };
}

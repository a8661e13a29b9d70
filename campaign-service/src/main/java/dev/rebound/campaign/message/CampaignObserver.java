package dev.rebound.campaign.message;

/** What campaign reports about its messages (metrics live behind this port). */
public interface CampaignObserver {

    void planned(String playbook, OutboundMessage.Channel channel);

    /** A message left the queue: sent, suppressed or skipped, with the reason when it was not sent. */
    void settled(String playbook, OutboundMessage.Channel channel, OutboundMessage.MessageStatus status, String reason);

    /** A message was put back to wait (e.g. for the contact's address). */
    void deferred(String playbook, OutboundMessage.Channel channel, String reason);

    /**
     * A message was credited with a conversion (e.g. the invoice it was about got paid); {@code holdout}: a message
     * the global holdout held back (the control group's conversion).
     */
    void converted(String playbook, String conversion, boolean holdout);

    CampaignObserver NONE = new CampaignObserver() {
        @Override public void planned(String playbook, OutboundMessage.Channel channel) { }
        @Override public void settled(String playbook, OutboundMessage.Channel channel,
                                      OutboundMessage.MessageStatus status, String reason) { }
        @Override public void deferred(String playbook, OutboundMessage.Channel channel, String reason) { }
        @Override public void converted(String playbook, String conversion, boolean holdout) { }
    };
}

package dev.rebound.contracts.data;

/** campaign.message_sent (campaign out). */
public record CampaignMessageSent(String messageId, String playbook, String channel, String trigger)
        implements EventData {}

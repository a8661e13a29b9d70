package dev.rebound.contracts.data;

/** campaign.converted — a conversion attributed to a playbook within its window. */
public record CampaignConverted(String playbook, String conversion, String messageId) implements EventData {}

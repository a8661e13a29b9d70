package dev.rebound.campaign.infra.metrics;

import dev.rebound.campaign.message.CampaignObserver;
import dev.rebound.campaign.message.OutboundMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;

/**
 * Campaign's business metrics, every name in one place (listed in campaign-service/README.md):
 * {@code rebound_campaign_messages_planned_total{playbook,channel}},
 * {@code rebound_campaign_messages_sent_total{playbook,channel}},
 * {@code rebound_campaign_messages_skipped_total{playbook,channel,status,reason}} (suppressed or skipped),
 * {@code rebound_campaign_messages_deferred_total{playbook,channel,reason}},
 * {@code rebound_campaign_conversions_total{playbook,conversion,group}} (group: treated or holdout).
 */
public final class CampaignMetrics implements CampaignObserver {

    static final String PLANNED = "rebound.campaign.messages.planned";
    static final String SENT = "rebound.campaign.messages.sent";
    static final String SKIPPED = "rebound.campaign.messages.skipped";
    static final String DEFERRED = "rebound.campaign.messages.deferred";
    static final String CONVERSIONS = "rebound.campaign.conversions";

    private final MeterRegistry registry;

    public CampaignMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void planned(String playbook, OutboundMessage.Channel channel) {
        Counter.builder(PLANNED).tag("playbook", playbook).tag("channel", name(channel)).register(registry).increment();
    }

    @Override
    public void settled(String playbook, OutboundMessage.Channel channel, OutboundMessage.MessageStatus status,
                        String reason) {
        if (status == OutboundMessage.MessageStatus.SENT) {
            Counter.builder(SENT).tag("playbook", playbook).tag("channel", name(channel)).register(registry).increment();
            return;
        }
        Counter.builder(SKIPPED).tag("playbook", playbook).tag("channel", name(channel))
                .tag("status", status.name().toLowerCase(Locale.ROOT)).tag("reason", reason == null ? "none" : reason)
                .register(registry).increment();
    }

    @Override
    public void deferred(String playbook, OutboundMessage.Channel channel, String reason) {
        Counter.builder(DEFERRED).tag("playbook", playbook).tag("channel", name(channel)).tag("reason", reason)
                .register(registry).increment();
    }

    @Override
    public void converted(String playbook, String conversion, boolean holdout) {
        Counter.builder(CONVERSIONS).tag("playbook", playbook).tag("conversion", conversion)
                .tag("group", holdout ? "holdout" : "treated").register(registry).increment();
    }

    private static String name(OutboundMessage.Channel channel) {
        return channel.name().toLowerCase(Locale.ROOT);
    }
}

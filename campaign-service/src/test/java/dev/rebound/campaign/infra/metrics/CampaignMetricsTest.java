package dev.rebound.campaign.infra.metrics;

import dev.rebound.campaign.message.OutboundMessage.Channel;
import dev.rebound.campaign.message.OutboundMessage.MessageStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CampaignMetrics metrics = new CampaignMetrics(registry);

    @Test
    void countsMessagesByPlaybookChannelAndWhyTheyWereNotSent() {
        metrics.planned("winback", Channel.EMAIL);
        metrics.settled("winback", Channel.EMAIL, MessageStatus.SENT, null);
        metrics.settled("winback", Channel.EMAIL, MessageStatus.SUPPRESSED, "no consent for email");
        metrics.deferred("winback", Channel.EMAIL, "waiting for contact");

        assertThat(registry.get("rebound.campaign.messages.planned").tags("playbook", "winback", "channel", "email").counter().count()).isEqualTo(1);
        assertThat(registry.get("rebound.campaign.messages.sent").tags("playbook", "winback", "channel", "email").counter().count()).isEqualTo(1);
        assertThat(registry.get("rebound.campaign.messages.skipped").tags("status", "suppressed", "reason", "no consent for email")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("rebound.campaign.messages.deferred").tag("reason", "waiting for contact").counter().count()).isEqualTo(1);
    }
}

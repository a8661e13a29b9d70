package dev.rebound.campaign.atrisk;

import dev.rebound.campaign.message.OutboundMessage;
import dev.rebound.campaign.message.PlannedMessage;
import dev.rebound.contracts.data.RiskReason;
import dev.rebound.contracts.data.RiskTier;
import dev.rebound.contracts.data.RiskTierChanged;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AtRiskPlaybookTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final RiskReason CANCEL = new RiskReason("cancel_page_viewed", 25, "viewed the cancel page 2 time(s)");
    private static final RiskReason TICKETS = new RiskReason("unanswered_tickets", 10,
            "1 ticket waiting for an answer for 4 days");
    private final AtRiskPlaybook playbook = new AtRiskPlaybook();

    @Test
    void aCustomerWaitingOnSupportIsEscalatedToTheCsmInsteadOfMailed() {
        PlannedMessage planned = plan(RiskTier.LOW, RiskTier.HIGH, List.of(CANCEL, TICKETS), List.of());
        assertThat(planned.channel()).isEqualTo(OutboundMessage.Channel.CSM);
        assertThat(planned.template()).isEqualTo("csm-ticket-escalation");
        assertThat(planned.variables().get("reasons")).contains("1 ticket waiting for an answer for 4 days");
    }

    @Test
    void aHighValueCustomerGetsAPersonNotAnAutomatedMail() {
        assertThat(plan(RiskTier.MEDIUM, RiskTier.CRITICAL, List.of(CANCEL), List.of("high_ltv")).template())
                .isEqualTo("csm-at-risk-high-value");
        assertThat(plan(RiskTier.MEDIUM, RiskTier.HIGH, List.of(CANCEL), List.of("high_aov")).channel())
                .isEqualTo(OutboundMessage.Channel.CSM);
    }

    @Test
    void everyoneElseGetsACheckInEmail() {
        PlannedMessage planned = plan(RiskTier.LOW, RiskTier.HIGH, List.of(CANCEL), List.of("high_engagement"));
        assertThat(planned.channel()).isEqualTo(OutboundMessage.Channel.EMAIL);
        assertThat(planned.template()).isEqualTo("atrisk-checkin");
        assertThat(planned.playbook()).isEqualTo("at-risk");
    }

    @Test
    void onlyAMoveIntoHighOrCriticalTriggersIt() {
        assertThat(playbook.onTierChanged("acme", "cus_1", "e1",
                new RiskTierChanged(RiskTier.HIGH, RiskTier.CRITICAL, 80, List.of(CANCEL), List.of()), NOW)).isEmpty();
        assertThat(playbook.onTierChanged("acme", "cus_1", "e1",
                new RiskTierChanged(RiskTier.LOW, RiskTier.MEDIUM, 30, List.of(CANCEL), List.of()), NOW)).isEmpty();
        assertThat(playbook.onTierChanged("acme", "cus_1", "e1",
                new RiskTierChanged(RiskTier.CRITICAL, RiskTier.LOW, 5, List.of(), List.of()), NOW)).isEmpty();
        assertThat(playbook.onTierChanged("acme", "cus_1", "e1",
                new RiskTierChanged(null, RiskTier.HIGH, 60, List.of(CANCEL), List.of()), NOW)).isPresent();
    }

    private PlannedMessage plan(RiskTier from, RiskTier to, List<RiskReason> reasons, List<String> segments) {
        return playbook.onTierChanged("acme", "cus_1", "e1", new RiskTierChanged(from, to, 70, reasons, segments), NOW)
                .orElseThrow();
    }
}

package dev.rebound.campaign.infra.http;

import dev.rebound.campaign.atrisk.AtRiskPlaybook;
import dev.rebound.campaign.dormant.DormantReactivation;
import dev.rebound.campaign.features.FeatureNews;
import dev.rebound.campaign.nps.NpsFollowUp;
import dev.rebound.campaign.onboarding.OnboardingGuide;
import dev.rebound.campaign.trial.TrialPlaybook;
import dev.rebound.campaign.conversion.PlaybookStats;
import dev.rebound.campaign.dunning.DunningPlaybook;
import dev.rebound.campaign.message.MessageStore;
import dev.rebound.campaign.winback.WinBackPlaybook;
import dev.rebound.contracts.TenantId;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/playbooks/{id}/stats}: a playbook's messages and their measured effect for the caller's tenant —
 * sent, delivered, converted, the global holdout's conversion beside it and the uplift with its 95 % interval.
 */
@RestController
class PlaybookStatsController {

    static final List<String> PLAYBOOKS = List.of(OnboardingGuide.PLAYBOOK, TrialPlaybook.PLAYBOOK,
            AtRiskPlaybook.PLAYBOOK, DormantReactivation.PLAYBOOK, WinBackPlaybook.PLAYBOOK, FeatureNews.PLAYBOOK,
            NpsFollowUp.PLAYBOOK, DunningPlaybook.PLAYBOOK, DunningPlaybook.PRE_DUNNING);

    private final MessageStore messages;

    PlaybookStatsController(MessageStore messages) {
        this.messages = messages;
    }

    @GetMapping("/v1/playbooks/{id}/stats")
    ResponseEntity<?> stats(@PathVariable String id, TenantId tenant) {
        if (!PLAYBOOKS.contains(id)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "unknown_playbook", "message",
                    "no playbook '" + (id.length() > 64 ? id.substring(0, 64) + "…" : id) + "'; playbooks: "
                            + String.join(", ", PLAYBOOKS)));
        }
        return ResponseEntity.ok(PlaybookStats.of(id, messages.countsOf(tenant.value(), id)));
    }
}

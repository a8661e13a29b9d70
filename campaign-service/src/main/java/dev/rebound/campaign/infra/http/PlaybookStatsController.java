package dev.rebound.campaign.infra.http;

import dev.rebound.campaign.conversion.PlaybookStats;
import dev.rebound.campaign.message.MessageStore;
import dev.rebound.campaign.custom.CustomPlaybookStore;
import dev.rebound.campaign.playbook.PlaybookCatalog;
import dev.rebound.contracts.TenantId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;


/**
 * {@code GET /v1/playbooks/{id}/stats}: a playbook's messages and their measured effect for the caller's tenant —
 * sent, delivered, converted, the global holdout's conversion beside it and the uplift with its 95 % interval.
 */
@RestController
class PlaybookStatsController {

    private final MessageStore messages;
    private final CustomPlaybookStore tenantPlaybooks;

    PlaybookStatsController(MessageStore messages, CustomPlaybookStore tenantPlaybooks) {
        this.messages = messages;
        this.tenantPlaybooks = tenantPlaybooks;
    }

    @GetMapping("/v1/playbooks/{id}/stats")
    ResponseEntity<?> stats(@PathVariable String id, TenantId tenant) {
        if (PlaybookCatalog.find(id).isEmpty() && tenantPlaybooks.find(tenant.value(), id).isEmpty()) {
            return PlaybooksController.unknown(id);
        }
        return ResponseEntity.ok(PlaybookStats.of(id, messages.countsOf(tenant.value(), id)));
    }
}

package dev.rebound.campaign.custom;

import dev.rebound.campaign.playbook.PlaybookCatalog;
import dev.rebound.campaign.playbook.PlaybookSettings;
import dev.rebound.campaign.playbook.PlaybookSettingsStore;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings the sender reads for any playbook: the shipped ones' as the tenant set them up, a tenant's own as its
 * definition says (its steps' texts, languages, cap, holdout; transactional when billing-recovery triggers it). A
 * message of an own playbook since deleted finds it disabled, and is skipped.
 */
public final class CustomPlaybookSettings implements PlaybookSettingsStore {

    private static final PlaybookSettings GONE = new PlaybookSettings(false, Duration.ZERO, List.of(), Map.of(),
            "email");

    private final PlaybookSettingsStore shipped;
    private final CustomPlaybookStore own;

    public CustomPlaybookSettings(PlaybookSettingsStore shipped, CustomPlaybookStore own) {
        this.shipped = shipped;
        this.own = own;
    }

    @Override
    public Optional<PlaybookSettings> find(String tenantId, String playbook) {
        if (PlaybookCatalog.find(playbook).isPresent()) {
            return shipped.find(tenantId, playbook);
        }
        return Optional.of(own.find(tenantId, playbook).map(CustomPlaybookSettings::settingsOf).orElse(GONE));
    }

    @Override
    public void save(String tenantId, String playbook, PlaybookSettings settings) {
        shipped.save(tenantId, playbook, settings);
    }

    static PlaybookSettings settingsOf(CustomPlaybook playbook) {
        Map<String, Map<String, String>> texts = new LinkedHashMap<>();
        for (int i = 0; i < playbook.steps().size(); i++) {
            texts.put(CustomPlaybook.template(i), playbook.steps().get(i).templates());
        }
        return new PlaybookSettings(playbook.enabled(), Duration.ZERO, playbook.audience().locales(), texts, "email",
                playbook.cap(), playbook.holdoutPercent(), !playbook.marketing(),
                (customer, variables) -> CustomPlaybooks.admits(playbook.audience(), customer, variables));
    }
}

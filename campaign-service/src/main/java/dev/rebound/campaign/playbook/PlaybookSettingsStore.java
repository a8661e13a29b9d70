package dev.rebound.campaign.playbook;

import java.util.Optional;

/** Each tenant's playbook settings. */
public interface PlaybookSettingsStore {

    Optional<PlaybookSettings> find(String tenantId, String playbook);

    void save(String tenantId, String playbook, PlaybookSettings settings);

    default PlaybookSettings of(String tenantId, String playbook) {
        return find(tenantId, playbook).orElse(PlaybookSettings.DEFAULT);
    }

    PlaybookSettingsStore DEFAULTS = new PlaybookSettingsStore() {
        @Override
        public Optional<PlaybookSettings> find(String tenantId, String playbook) {
            return Optional.empty();
        }

        @Override
        public void save(String tenantId, String playbook, PlaybookSettings settings) {
            throw new UnsupportedOperationException("fixed defaults");
        }
    };
}

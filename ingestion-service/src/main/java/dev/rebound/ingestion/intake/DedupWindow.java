package dev.rebound.ingestion.intake;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Events published recently, by {@code source}+{@code id} per tenant: a re-posted event within the window is
 * acknowledged again but not published twice. Remembered only after Kafka acknowledged, so a failed publish
 * never hides a retry.
 */
public interface DedupWindow {

    Set<String> seen(String tenant, Collection<String> dedupKeys, Instant now);

    void remember(String tenant, Collection<String> dedupKeys, Instant now);

    /** A window that remembers nothing (dedup switched off). */
    DedupWindow NONE = new DedupWindow() {
        @Override
        public Set<String> seen(String tenant, Collection<String> dedupKeys, Instant now) {
            return Set.of();
        }

        @Override
        public void remember(String tenant, Collection<String> dedupKeys, Instant now) {
        }
    };
}

package dev.rebound.scoring.updating;

import java.util.Collection;
import java.util.Set;

/**
 * Every event id scoring has applied, however old, so a duplicate never counts twice. Ids are written after the
 * profiles they changed; until then the profile's own recent ids catch a redelivery.
 */
public interface SeenEvents {

    /** Those of the keys already applied, in one read. */
    Set<String> seenAmong(Collection<String> keys);

    /** Records the keys as applied (idempotent). */
    void remember(Collection<String> keys);
}

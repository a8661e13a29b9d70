package dev.rebound.scoring.dormancy;

import dev.rebound.scoring.profile.ConcurrentProfileUpdateException;
import dev.rebound.scoring.profile.CustomerProfile;
import dev.rebound.scoring.updating.ProfileUpdating;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Moving silent customers to DORMANT with no event arriving. Each profile carries the time it next needs a look
 * (its last activity plus the cadence's silence); the detector reads only the profiles whose time has come, in
 * batches, never all of them. Several instances may run: a profile another instance changed first is skipped (its
 * optimistic version no longer matches), and the event ids derive from the profile and the dormancy time, so
 * nothing is transitioned or announced twice.
 */
public final class DormancyDetector {

    static final int BATCH = 500;

    private final DormancyCandidates candidates;
    private final ProfileUpdating updating;
    private final Clock clock;

    public DormancyDetector(DormancyCandidates candidates, ProfileUpdating updating, Clock clock) {
        this.candidates = candidates;
        this.updating = updating;
        this.clock = clock;
    }

    /** One pass; returns how many customers became dormant. Each changed profile is handed to {@code changed}. */
    public int sweep(Consumer<CustomerProfile> changed) {
        Instant now = clock.instant();
        int dormant = 0;
        List<CustomerProfile> due;
        String after = null;
        do {
            due = candidates.needingALook(now, after, BATCH);
            for (CustomerProfile profile : due) {
                after = profile.id();
                try {
                    if (updating.lookAt(profile, now)) {
                        changed.accept(profile);
                        dormant++;
                    }
                } catch (ConcurrentProfileUpdateException e) {
                    // another instance (or an event) changed it first: it decided, this pass moves on
                }
            }
        } while (due.size() == BATCH);
        return dormant;
    }
}

package dev.rebound.scoring.dormancy;

import dev.rebound.scoring.profile.CustomerProfile;
import dev.rebound.scoring.profile.ProfileStore;
import dev.rebound.scoring.updating.ProfileUpdating;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Moving silent customers to DORMANT and refreshing time-driven signals, with no event arriving. Each profile carries
 * the time it next needs a look; the detector streams only the profiles whose time has come, looks at them a page
 * at a time and writes each page back in one bulk write. Several instances may run: a profile another instance (or
 * an event) changed first is skipped (its optimistic version no longer matches), and the event ids derive from the
 * profile and the look's time, so nothing is transitioned or announced twice.
 */
public final class DormancyDetector {

    static final int PAGE = 500;

    private final DormancyCandidates candidates;
    private final ProfileStore store;
    private final ProfileUpdating updating;
    private final Clock clock;

    public DormancyDetector(DormancyCandidates candidates, ProfileStore store, ProfileUpdating updating, Clock clock) {
        this.candidates = candidates;
        this.store = store;
        this.updating = updating;
        this.clock = clock;
    }

    /** What one pass did. */
    public record Pass(int looked, int changed, int skipped) {}

    /** One pass; returns how many customers changed stage or tier. Each changed profile is handed to {@code changed}. */
    public int sweep(Consumer<CustomerProfile> changed) {
        return pass(page -> page.forEach(changed)).changed();
    }

    /** One pass; each page's changed profiles (their outboxes hold the events to publish) go to {@code changedPage}. */
    public Pass pass(Consumer<List<CustomerProfile>> changedPage) {
        Instant now = clock.instant();
        int[] counts = new int[3];
        candidates.forEachDue(now, PAGE, page -> {
            List<CustomerProfile> toSave = new ArrayList<>(page.size());
            List<CustomerProfile> moved = new ArrayList<>();
            for (CustomerProfile profile : page) {
                switch (updating.look(profile, now)) {
                    case NOT_DUE -> { }
                    case RESCHEDULED -> toSave.add(profile);
                    case CHANGED -> {
                        toSave.add(profile);
                        moved.add(profile);
                    }
                }
            }
            // a profile another writer saved meanwhile is not written: that writer decided, this pass moves on
            Set<String> lost = toSave.isEmpty() ? Set.of() : store.saveLooked(toSave);
            counts[0] += toSave.size();
            counts[2] += lost.size();
            List<CustomerProfile> stored = moved.stream().filter(p -> !lost.contains(p.id())).toList();
            counts[1] += stored.size();
            if (!stored.isEmpty()) {
                changedPage.accept(stored);
            }
        });
        return new Pass(counts[0], counts[1], counts[2]);
    }
}

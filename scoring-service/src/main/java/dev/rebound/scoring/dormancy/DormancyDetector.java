package dev.rebound.scoring.dormancy;

import dev.rebound.scoring.profile.CustomerProfile;
import dev.rebound.scoring.profile.ProfileStore;
import dev.rebound.scoring.updating.ProfileUpdating;
import dev.rebound.scoring.updating.ProfileUpdating.Changed;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        return pass(page -> page.forEach(c -> changed.accept(c.profile()))).changed();
    }

    /**
     * One pass; each page's changed profiles, with the events their look added to publish, go to {@code changedPage},
     * on the calling thread. A page is written back while the next one is read and looked at (one write in flight,
     * on a thread of its own): the store's write and the pass's reading and deciding overlap instead of taking turns.
     */
    public Pass pass(Consumer<List<Changed>> changedPage) {
        Instant now = clock.instant();
        int[] counts = new int[3];
        try (ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("dormancy-write").factory())) {
            @SuppressWarnings("unchecked")
            Future<List<Changed>>[] inFlight = new Future[1];
            candidates.forEachDue(now, PAGE, page -> {
                List<CustomerProfile> toSave = new ArrayList<>(page.size());
                List<Changed> moved = new ArrayList<>();
                for (CustomerProfile profile : page) {
                    // what another write left in the outbox is that write's to publish
                    int pending = profile.outbox().size();
                    switch (updating.look(profile, now)) {
                        case NOT_DUE -> { }
                        case RESCHEDULED -> toSave.add(profile);
                        case CHANGED -> {
                            toSave.add(profile);
                            moved.add(Changed.after(profile, pending));
                        }
                    }
                }
                announce(inFlight[0], changedPage);
                inFlight[0] = toSave.isEmpty() ? null : writer.submit(() -> save(toSave, moved, counts));
            });
            announce(inFlight[0], changedPage);
        }
        return new Pass(counts[0], counts[1], counts[2]);
    }

    /**
     * Writes a page back; the changed profiles that were stored. A profile another writer saved meanwhile is not
     * written: that writer decided, this pass moves on.
     */
    private List<Changed> save(List<CustomerProfile> toSave, List<Changed> moved, int[] counts) {
        Set<String> lost = store.saveLooked(toSave);
        List<Changed> stored = moved.stream().filter(c -> !lost.contains(c.profile().id())).toList();
        // one write at a time, each awaited before the next is submitted and before the counts are read
        counts[0] += toSave.size();
        counts[1] += stored.size();
        counts[2] += lost.size();
        return stored;
    }

    /** Waits for the page being written and hands its stored changes on; a failed write ends the pass with its cause. */
    private static void announce(Future<List<Changed>> write, Consumer<List<Changed>> changedPage) {
        if (write == null) {
            return;
        }
        List<Changed> stored;
        try {
            stored = write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("dormancy pass interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        if (!stored.isEmpty()) {
            changedPage.accept(stored);
        }
    }
}

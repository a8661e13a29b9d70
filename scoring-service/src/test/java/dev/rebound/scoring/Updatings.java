package dev.rebound.scoring;

import dev.rebound.scoring.modeling.ChurnModelBook;
import dev.rebound.scoring.profile.ProfileStore;
import dev.rebound.scoring.tuning.Tuning;
import dev.rebound.scoring.tuning.TuningBook;
import dev.rebound.scoring.updating.ProfileUpdating;
import dev.rebound.scoring.updating.ScoringObserver;
import dev.rebound.scoring.updating.SeenEvents;
import dev.rebound.scoring.updating.Watermarks;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Profile updating over in-memory parts, for domain tests. */
public final class Updatings {

    private Updatings() {
    }

    public static ProfileUpdating of(ProfileStore store) {
        return of(store, TuningBook.fixed(Tuning.defaults()));
    }

    public static ProfileUpdating of(ProfileStore store, TuningBook tunings) {
        return new ProfileUpdating(store, tunings, ChurnModelBook.none(), 0.5, new InMemorySeenEvents(),
                Watermarks.WALL_CLOCK, Clock.systemUTC(), ScoringObserver.NONE);
    }

    /** The seen-events store's contract: every id remembered, however old. */
    public static final class InMemorySeenEvents implements SeenEvents {
        private final Set<String> seen = new HashSet<>();

        @Override
        public synchronized Set<String> seenAmong(Collection<String> keys) {
            Set<String> found = new HashSet<>(keys);
            found.retainAll(seen);
            return found;
        }

        @Override
        public synchronized void remember(Collection<String> keys) {
            seen.addAll(keys);
        }

        public synchronized int size() {
            return seen.size();
        }
    }
}

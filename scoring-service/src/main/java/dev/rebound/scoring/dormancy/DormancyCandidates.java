package dev.rebound.scoring.dormancy;

import dev.rebound.scoring.profile.CustomerProfile;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** The profiles whose next look is due, read by an indexed query on that time, a page at a time. */
public interface DormancyCandidates {

    /**
     * Hands every profile with {@code nextLookAt <= now} to {@code page}, {@code pageSize} at a time, from one
     * streamed query (never all profiles in memory at once).
     */
    void forEachDue(Instant now, int pageSize, Consumer<List<CustomerProfile>> page);
}

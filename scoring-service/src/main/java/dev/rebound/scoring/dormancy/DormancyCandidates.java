package dev.rebound.scoring.dormancy;

import dev.rebound.scoring.profile.CustomerProfile;

import java.time.Instant;
import java.util.List;

/** The profiles whose next look is due, by an indexed query on that time. */
public interface DormancyCandidates {

    /** Up to {@code limit} profiles with {@code nextLookAt <= now}, ordered by id, after {@code afterId} (null: from the start). */
    List<CustomerProfile> needingALook(Instant now, String afterId, int limit);
}

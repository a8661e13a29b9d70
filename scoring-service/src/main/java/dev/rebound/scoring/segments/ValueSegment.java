package dev.rebound.scoring.segments;

import dev.rebound.scoring.profile.CustomerProfile;

import java.util.function.ToLongFunction;

/** The value segments that set win-back priority: the tenant's top customers by one measure. */
public enum ValueSegment {
    HIGH_LTV("lifetimeValue", CustomerProfile::lifetimeValue),
    HIGH_ENGAGEMENT("engagement", CustomerProfile::engagement),
    HIGH_AOV("averageOrderValue", CustomerProfile::averageOrderValue);

    private final String field;
    private final ToLongFunction<CustomerProfile> measure;

    ValueSegment(String field, ToLongFunction<CustomerProfile> measure) {
        this.field = field;
        this.measure = measure;
    }

    /** The profile field the measure is stored in. */
    public String field() {
        return field;
    }

    public long measure(CustomerProfile profile) {
        return measure.applyAsLong(profile);
    }
}

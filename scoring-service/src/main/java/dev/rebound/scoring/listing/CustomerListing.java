package dev.rebound.scoring.listing;

import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.RiskTier;
import dev.rebound.scoring.profile.CustomerProfile;
import dev.rebound.scoring.segments.ValueSegment;

import java.util.List;

/**
 * Prioritised lists for customer-success teams: a tenant's customers filtered by risk tier and lifecycle stage,
 * ordered by risk score, MRR or lifetime value (highest first), a page at a time.
 */
public interface CustomerListing {

    enum SortBy { RISK, MRR, LTV }

    /**
     * @param tier        null: any tier
     * @param stage       null: any stage
     * @param segment     null: any customer; else only those in the value segment (measure >= segmentFrom, > 0)
     */
    record Filter(String tenantId, RiskTier tier, LifecycleStage stage, ValueSegment segment, long segmentFrom,
                  SortBy sort, int page, int size) {

        public static final int MAX_SIZE = 200;
        public static final int MAX_PAGE = 10_000;

        public Filter {
            if (page < 0 || page > MAX_PAGE) {
                throw new IllegalArgumentException("page must be between 0 and " + MAX_PAGE);
            }
            if (size < 1 || size > MAX_SIZE) {
                throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
            }
        }
    }

    record Page(List<CustomerProfile> customers, long total) {}

    Page list(Filter filter);
}

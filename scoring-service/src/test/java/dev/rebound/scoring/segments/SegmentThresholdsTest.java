package dev.rebound.scoring.segments;

import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.PaymentSucceeded;
import dev.rebound.contracts.data.UsageSession;
import dev.rebound.scoring.profile.CustomerProfile;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Value segments start at the tenant's 80th percentile of each measure, among customers with a non-zero value. */
class SegmentThresholdsTest {

    private static final Instant T = Instant.parse("2026-11-02T09:00:00Z");

    @Test
    void theTopFifthByEachMeasureIsInTheSegment() {
        List<CustomerProfile> profiles = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            CustomerProfile p = CustomerProfile.start("acme", "cus_" + i);
            p.apply(EventType.PAYMENT_SUCCEEDED, new PaymentSucceeded("in_" + i, i * 100L, "USD"), T);
            for (int s = 0; s < 11 - i; s++) {
                p.apply(EventType.USAGE_SESSION, new UsageSession(60L), T);
            }
            profiles.add(p);
        }
        profiles.add(CustomerProfile.start("acme", "cus_silent")); // zero everywhere: never counted, never in
        SegmentThresholds thresholds = SegmentThresholds.of("acme", profiles, T);

        assertThat(thresholds.from()).containsEntry(ValueSegment.HIGH_LTV, 800L).containsEntry(ValueSegment.HIGH_AOV, 800L)
                .containsEntry(ValueSegment.HIGH_ENGAGEMENT, 8L);
        assertThat(thresholds.segmentsOf(profiles.get(9))).containsExactlyInAnyOrder(ValueSegment.HIGH_LTV, ValueSegment.HIGH_AOV);
        assertThat(thresholds.segmentsOf(profiles.get(0))).containsExactly(ValueSegment.HIGH_ENGAGEMENT);
        assertThat(thresholds.segmentsOf(profiles.get(4))).isEmpty();
        assertThat(thresholds.segmentsOf(profiles.get(10))).isEmpty();
    }

    @Test
    void aTenantWithNoValueHasNobodyInASegment() {
        CustomerProfile nobody = CustomerProfile.start("acme", "cus_0");
        assertThat(SegmentThresholds.of("acme", List.of(nobody), T).segmentsOf(nobody)).isEmpty();
        assertThat(SegmentThresholds.of("acme", List.of(), T).from()).containsEntry(ValueSegment.HIGH_LTV, Long.MAX_VALUE);
    }
}

package dev.rebound.campaign.conversion;

import dev.rebound.campaign.message.MessageStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PlaybookStatsTest {

    @Test
    void upliftIsTheTreatedRateMinusTheHoldoutsWithNewcombesInterval() {
        // Newcombe (1998), Statistics in Medicine 17:873, table II example (a): 56/70 vs 48/80 → 0.2, CI 0.0524-0.3339
        PlaybookStats stats = PlaybookStats.of("winback", new MessageStore.PlaybookCounts(160, 0, 70, 0, 10, 80, 56, 48));
        assertThat(stats.conversionRate()).isEqualTo(0.8);
        assertThat(stats.holdoutConversionRate()).isEqualTo(0.6);
        assertThat(stats.uplift()).isCloseTo(0.2, within(1e-9));
        assertThat(stats.upliftLow()).isCloseTo(0.0524, within(0.0001));
        assertThat(stats.upliftHigh()).isCloseTo(0.3339, within(0.0001));
        assertThat(stats.delivered()).isEqualTo(70);
    }

    @Test
    void extremeRatesKeepTheIntervalInsideItsBounds() {
        // Newcombe's example (f): 0/10 vs 0/20 → 0, CI -0.1611 to 0.2775
        PlaybookStats none = PlaybookStats.of("dunning", new MessageStore.PlaybookCounts(30, 0, 10, 0, 0, 20, 0, 0));
        assertThat(none.uplift()).isZero();
        assertThat(none.upliftLow()).isCloseTo(-0.1611, within(0.0001));
        assertThat(none.upliftHigh()).isCloseTo(0.2775, within(0.0001));
    }

    @Test
    void withoutAHoldoutThereIsNoUpliftToReport() {
        PlaybookStats stats = PlaybookStats.of("dunning", new MessageStore.PlaybookCounts(12, 1, 10, 1, 0, 0, 4, 0));
        assertThat(stats.conversionRate()).isEqualTo(0.4);
        assertThat(stats.holdoutConversionRate()).isNull();
        assertThat(stats.uplift()).isNull();
        assertThat(stats.upliftLow()).isNull();
    }
}

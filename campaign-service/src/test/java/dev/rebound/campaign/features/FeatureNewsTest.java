package dev.rebound.campaign.features;

import dev.rebound.campaign.message.PlannedMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureNewsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private final InMemoryFeatureBook book = new InMemoryFeatureBook();
    private final FeatureNews news = new FeatureNews(book);

    @Test
    void everyoneWhoAskedHearsWhenItShipsOncePerFeature() {
        assertThat(news.onRequested("acme", "cus_1", "dark-mode", NOW)).isEmpty();
        news.onRequested("acme", "cus_2", "dark-mode", NOW);
        news.onRequested("acme", "cus_2", "dark-mode", NOW);
        news.onRequested("acme", "cus_3", "sso", NOW);
        news.onRequested("other", "cus_9", "dark-mode", NOW);
        var planned = news.onReleased("acme", "dark-mode", "Easier on the eyes at night.", NOW, NOW);
        assertThat(planned).extracting(PlannedMessage::customerId).containsExactly("cus_1", "cus_2");
        assertThat(planned).extracting(PlannedMessage::trigger).containsOnly("feature:dark-mode");
        assertThat(planned.getFirst().variables()).containsEntry("feature", "dark-mode")
                .containsEntry("description", "Easier on the eyes at night.");
        assertThat(news.onReleased("acme", "dark-mode", null, NOW.plusSeconds(60), NOW))
                .as("announced again: the same triggers, so nothing new is planned")
                .extracting(PlannedMessage::trigger).containsOnly("feature:dark-mode");
        assertThat(book.releasedBetween("acme", NOW.minusSeconds(1), NOW.plusSeconds(120), 10))
                .singleElement().extracting(FeatureBook.Release::releasedAt).isEqualTo(NOW);
    }

    @Test
    void aRequestForAFeatureAlreadyShippedHearsAtOnce() {
        news.onReleased("acme", "dark-mode", "Easier on the eyes at night.", NOW, NOW);
        PlannedMessage late = news.onRequested("acme", "cus_7", "dark-mode", NOW.plusSeconds(5)).orElseThrow();
        assertThat(late.trigger()).isEqualTo("feature:dark-mode");
        assertThat(late.variables()).containsEntry("description", "Easier on the eyes at night.");
    }

    @Test
    void aReleaseNobodyAskedForOrWithoutANamePlansNothing() {
        assertThat(news.onReleased("acme", "sso", null, NOW, NOW)).isEmpty();
        assertThat(news.onReleased("acme", " ", null, NOW, NOW)).isEmpty();
        news.onRequested("acme", "cus_1", "x".repeat(101), NOW);
        assertThat(book.requesters("acme", "x".repeat(101))).isEmpty();
    }
}

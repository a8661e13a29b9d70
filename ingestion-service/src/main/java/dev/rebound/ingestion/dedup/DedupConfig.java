package dev.rebound.ingestion.dedup;

import dev.rebound.ingestion.config.IngestionProperties;
import dev.rebound.ingestion.intake.DedupWindow;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DedupConfig {

    @Bean
    DedupWindow dedupWindow(MongoTemplate mongo, IngestionProperties properties, Clock clock) {
        return properties.dedupWindow().isZero() ? DedupWindow.NONE
                : new MongoDedupWindow(mongo, properties.dedupWindow(), clock.instant());
    }

    /** Drops documents older than the window, where no TTL index does (the embedded store). */
    @Component
    static class DedupExpiry {
        private final DedupWindow window;
        private final Clock clock;

        DedupExpiry(DedupWindow window, Clock clock) {
            this.window = window;
            this.clock = clock;
        }

        @Scheduled(fixedDelayString = "${rebound.ingestion.dedup-expiry:10m}", initialDelayString = "${rebound.ingestion.dedup-expiry:10m}")
        void expire() {
            if (window instanceof MongoDedupWindow mongoWindow) {
                mongoWindow.expire(clock.instant());
            }
        }
    }

    /**
     * Picks up the keys other instances published. A single instance (the embedded platform) switches it off
     * with {@code rebound.ingestion.dedup-catch-up=false}: there is nobody to catch up with.
     */
    @Component
    @ConditionalOnProperty(name = "rebound.ingestion.dedup-catch-up", havingValue = "true", matchIfMissing = true)
    static class DedupCatchUp {
        private final DedupWindow window;
        private final Clock clock;

        DedupCatchUp(DedupWindow window, Clock clock) {
            this.window = window;
            this.clock = clock;
        }

        @Scheduled(fixedDelayString = "${rebound.ingestion.dedup-refresh:2s}")
        void catchUp() {
            if (window instanceof MongoDedupWindow mongoWindow) {
                mongoWindow.catchUp(clock.instant());
            }
        }
    }
}

package dev.rebound.ingestion.infra.mongo;

import dev.rebound.ingestion.infra.config.IngestionProperties;
import dev.rebound.ingestion.intake.DedupWindow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DedupConfig {

    @Bean
    DedupWindow dedupWindow(MongoTemplate mongo, IngestionProperties properties, Clock clock) {
        return properties.dedupWindow().isZero() ? DedupWindow.NONE
                : new MongoDedupWindow(mongo, properties.dedupWindow(), clock.instant());
    }

    /**
     * Drops documents older than the window where no TTL index does (the embedded store), every
     * {@code dedup-expiry}; and, unless {@code dedup-catch-up=false} (a single instance, e.g. the embedded
     * platform), picks up the keys other instances published every {@code dedup-refresh}.
     */
    @Bean
    SchedulingConfigurer dedupSchedules(DedupWindow window, IngestionProperties properties, Clock clock) {
        return registrar -> {
            if (!(window instanceof MongoDedupWindow mongoWindow)) {
                return;
            }
            registrar.addFixedDelayTask(new FixedDelayTask(() -> mongoWindow.expire(clock.instant()),
                    properties.dedupExpiry(), properties.dedupExpiry()));
            if (properties.dedupCatchUp()) {
                registrar.addFixedDelayTask(() -> mongoWindow.catchUp(clock.instant()), properties.dedupRefresh());
            }
        };
    }
}

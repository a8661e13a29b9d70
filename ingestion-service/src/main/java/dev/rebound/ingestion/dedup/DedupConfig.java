package dev.rebound.ingestion.dedup;

import dev.rebound.ingestion.config.IngestionProperties;
import dev.rebound.ingestion.intake.DedupWindow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
class DedupConfig {

    @Bean
    DedupWindow dedupWindow(MongoTemplate mongo, IngestionProperties properties) {
        return properties.dedupWindow().isZero() ? DedupWindow.NONE
                : new MongoDedupWindow(mongo, properties.dedupWindow());
    }
}

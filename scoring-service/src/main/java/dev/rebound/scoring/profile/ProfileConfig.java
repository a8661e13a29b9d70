package dev.rebound.scoring.profile;

import dev.rebound.scoring.config.ScoringProperties;
import dev.rebound.scoring.lifecycle.LifecycleStageRules;
import dev.rebound.scoring.risk.RiskScorer;
import dev.rebound.scoring.risk.RiskWeights;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
class ProfileConfig {

    @Bean
    ProfileStore profileStore(MongoTemplate mongo) {
        return new MongoProfileStore(mongo);
    }

    @Bean
    ProfileUpdating profileUpdating(ProfileStore store, ScoringProperties properties) {
        return new ProfileUpdating(store, new RiskScorer(RiskWeights.defaults()),
                new LifecycleStageRules(properties.activationSessions(), properties.activationFeatures()));
    }
}

package dev.rebound.scoring.infra.config;

import dev.rebound.outbox.OutboxStore;
import dev.rebound.scoring.dormancy.DormancyDetector;
import dev.rebound.outbox.mongo.EmbeddedMongoOutbox;
import dev.rebound.scoring.infra.metrics.ScoringMetrics;
import dev.rebound.scoring.infra.mongo.MongoProfileStore;
import dev.rebound.scoring.infra.mongo.MongoSegmentStore;
import dev.rebound.scoring.infra.mongo.MongoTunings;
import dev.rebound.scoring.segments.SegmentBook;
import dev.rebound.scoring.segments.SegmentRefresh;
import dev.rebound.scoring.tuning.Tuning;
import dev.rebound.scoring.tuning.TuningBook;
import dev.rebound.scoring.profile.ProfileStore;
import dev.rebound.scoring.updating.ProfileUpdating;
import dev.rebound.scoring.risk.RiskWeights;
import dev.rebound.scoring.infra.ml.TribuoChurnTrainer;
import dev.rebound.scoring.infra.mongo.MongoChurnModels;
import dev.rebound.scoring.infra.mongo.MongoSeenEvents;
import dev.rebound.scoring.infra.mongo.MongoWatermarks;
import dev.rebound.scoring.modeling.ChurnModelBook;
import dev.rebound.scoring.modeling.ModelTraining;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/** Scoring's use cases wired to their adapters. */
@Configuration(proxyBeanMethods = false)
class ScoringWiring {

    @Bean
    MongoProfileStore profileStore(MongoTemplate mongo) {
        MongoProfileStore store = new MongoProfileStore(mongo);
        store.declareIndexes();
        return store;
    }

    /**
     * Stage and tier changes wait in the profile documents' outbox until published. Profiles have two writers (the
     * event listener and the dormancy detector), so marking events delivered bumps the version: a writer holding the
     * profile from before fails its save and reads again, instead of saving the delivered events back.
     */
    @Bean
    OutboxStore profileOutbox(MongoTemplate mongo) {
        return new EmbeddedMongoOutbox(mongo, MongoProfileStore.COLLECTION, "version");
    }

    @Bean
    ScoringMetrics scoringMetrics(MeterRegistry registry) {
        return new ScoringMetrics(registry);
    }

    @Bean
    ProfileUpdating profileUpdating(ProfileStore store, TuningBook tunings, ChurnModelBook models,
                                    ScoringProperties properties, MongoTemplate mongo, Clock clock,
                                    ScoringMetrics metrics, MongoSegmentStore segments,
                                    dev.rebound.outbox.Traces traces) {
        MongoWatermarks watermarks = new MongoWatermarks(mongo, properties.watermarkQuiet());
        watermarks.declareIndexes();
        return new ProfileUpdating(store, tunings, models, properties.modelShare(), new MongoSeenEvents(mongo),
                watermarks, clock, metrics,
                SegmentBook.cached(segments, properties.tuningRefresh(), clock)).withTraces(traces);
    }

    @Bean
    dev.rebound.scoring.infra.metrics.CustomerGauges customerGauges(MongoTemplate mongo,
                                                                   io.micrometer.core.instrument.MeterRegistry registry) {
        return new dev.rebound.scoring.infra.metrics.CustomerGauges(mongo,
                dev.rebound.scoring.infra.mongo.MongoProfileStore.COLLECTION, registry);
    }

    @Bean
    MongoChurnModels churnModels(MongoTemplate mongo) {
        return new MongoChurnModels(mongo);
    }

    @Bean
    ChurnModelBook churnModelBook(MongoChurnModels models, ScoringProperties properties, Clock clock) {
        return new ChurnModelBook(models, clock, properties.tuningRefresh());
    }

    @Bean
    ModelTraining modelTraining(MongoChurnModels models, TuningBook tunings, Clock clock) {
        return new ModelTraining(models, tunings, new TribuoChurnTrainer(), clock);
    }

    /** Each tenant's settings from its document, else the defaults: RiskWeights.defaults() and scoring.yaml. */
    @Bean
    TuningBook tuningBook(MongoTemplate mongo, ScoringProperties properties, Clock clock) {
        return new TuningBook(new MongoTunings(mongo), new Tuning(RiskWeights.defaults(), properties.defaultCadence(),
                properties.activationSessions(), properties.activationFeatures(), java.util.Set.of()), clock,
                properties.tuningRefresh());
    }

    @Bean
    MongoSegmentStore segmentStore(MongoTemplate mongo) {
        return new MongoSegmentStore(mongo);
    }

    @Bean
    SegmentRefresh segmentRefresh(MongoSegmentStore store, Clock clock) {
        return new SegmentRefresh(store, clock);
    }

    @Bean
    DormancyDetector dormancyDetector(MongoProfileStore store, ProfileUpdating updating, Clock clock) {
        return new DormancyDetector(store, store, updating, clock);
    }
}

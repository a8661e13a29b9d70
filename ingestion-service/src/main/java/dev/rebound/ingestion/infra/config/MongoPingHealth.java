package dev.rebound.ingestion.infra.config;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** MongoDB health by {@code ping}: works on real MongoDB and on the MongoDB-wire store alike. */
@Component("mongoHealthIndicator")
class MongoPingHealth implements HealthIndicator {

    private final MongoTemplate mongo;

    MongoPingHealth(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Health health() {
        try {
            mongo.executeCommand(new Document("ping", 1));
            return Health.up().withDetail("database", mongo.getDb().getName()).build();
        } catch (RuntimeException e) {
            return Health.down(e).build();
        }
    }
}

package dev.rebound.scoring.infra.metrics;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.rebound.testsupport.TestInfra;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The customer-base gauges over the wire: one aggregation, recounted, never loading a profile. */
class CustomerGaugesTest {

    private static final MongoClient client = MongoClients.create(TestInfra.mongoUri());
    private final MongoTemplate mongo = new MongoTemplate(client, "scoring_gauges_" + UUID.randomUUID().toString()
            .substring(0, 8));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void customersAndMrrAreCountedByTenantTierAndStageAndRecountedAsTheyMove() {
        mongo.getCollection("profiles").insertMany(List.of(
                profile("acme:a", "acme", "LOW", "ACTIVE", "USD", 4900),
                profile("acme:b", "acme", "LOW", "ACTIVE", "USD", 4900),
                profile("acme:c", "acme", "HIGH", "AT_RISK", "USD", 9900),
                profile("acme:d", "acme", "HIGH", "AT_RISK", "EUR", 1000),
                profile("globex:e", "globex", "CRITICAL", "PAST_DUE", "KRW", 59000)));
        CustomerGauges gauges = new CustomerGauges(mongo, "profiles", registry);
        gauges.refresh();
        assertThat(customers("acme", "LOW", "ACTIVE")).isEqualTo(2);
        assertThat(customers("acme", "HIGH", "AT_RISK")).as("both currencies").isEqualTo(2);
        assertThat(mrr("acme", "HIGH", "USD")).isEqualTo(9900);
        assertThat(mrr("acme", "HIGH", "EUR")).isEqualTo(1000);
        assertThat(mrr("globex", "CRITICAL", "KRW")).isEqualTo(59000);

        mongo.getCollection("profiles").updateOne(new Document("_id", "acme:c"),
                new Document("$set", new Document("riskTier", "LOW").append("stage", "ACTIVE")));
        gauges.refresh();
        assertThat(customers("acme", "LOW", "ACTIVE")).isEqualTo(3);
        assertThat(registry.find(CustomerGauges.MRR).tags("tenant", "acme", "tier", "HIGH", "currency", "USD").gauge())
                .as("a row no longer there is dropped").isNull();
    }

    private double customers(String tenant, String tier, String stage) {
        return registry.get(CustomerGauges.CUSTOMERS).tags("tenant", tenant, "tier", tier, "stage", stage).gauge().value();
    }

    private double mrr(String tenant, String tier, String currency) {
        return registry.get(CustomerGauges.MRR).tags("tenant", tenant, "tier", tier, "currency", currency).gauge().value();
    }

    private static Document profile(String id, String tenant, String tier, String stage, String currency, long mrr) {
        return new Document("_id", id).append("tenantId", tenant).append("riskTier", tier).append("stage", stage)
                .append("currency", currency).append("mrr", mrr);
    }
}

package dev.rebound.scoring.infra.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;

import java.util.ArrayList;
import java.util.List;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;

/**
 * The customer base as dashboards show it, recounted on a schedule by one aggregation over the profiles (grouped by
 * tenant, risk tier, stage and currency; never loading a profile): {@code rebound_scoring_customers{tenant,tier,stage}}
 * and {@code rebound_scoring_mrr_minor_units{tenant,tier,stage,currency}} (MRR in the currency's minor units; the MRR
 * at risk is its HIGH and CRITICAL rows).
 */
public final class CustomerGauges {

    static final String CUSTOMERS = "rebound.scoring.customers";
    static final String MRR = "rebound.scoring.mrr.minor_units";

    private final MongoTemplate mongo;
    private final String collection;
    private final MultiGauge customers;
    private final MultiGauge mrr;

    public CustomerGauges(MongoTemplate mongo, String collection, MeterRegistry registry) {
        this.mongo = mongo;
        this.collection = collection;
        this.customers = MultiGauge.builder(CUSTOMERS).description("customers by tenant, risk tier and stage")
                .register(registry);
        this.mrr = MultiGauge.builder(MRR).description("monthly recurring revenue by tenant, risk tier and stage")
                .register(registry);
    }

    public void refresh() {
        Aggregation count = Aggregation.newAggregation(
                group("tenantId", "riskTier", "stage", "currency").count().as("customers").sum("mrr").as("mrr"));
        List<MultiGauge.Row<?>> customerRows = new ArrayList<>();
        List<MultiGauge.Row<?>> mrrRows = new ArrayList<>();
        java.util.Map<List<String>, Double> byStage = new java.util.HashMap<>();
        for (Document row : mongo.aggregate(count, collection, Document.class).getMappedResults()) {
            Document id = row.get("_id", Document.class);
            String tenant = String.valueOf(id.get("tenantId"));
            String tier = String.valueOf(id.get("riskTier"));
            String stage = String.valueOf(id.get("stage"));
            String currency = id.get("currency") == null ? "none" : String.valueOf(id.get("currency"));
            byStage.merge(List.of(tenant, tier, stage), ((Number) row.get("customers")).doubleValue(), Double::sum);
            mrrRows.add(MultiGauge.Row.of(Tags.of("tenant", tenant, "tier", tier, "stage", stage, "currency", currency),
                    ((Number) row.getOrDefault("mrr", 0)).doubleValue()));
        }
        byStage.forEach((key, value) -> customerRows.add(MultiGauge.Row.of(
                Tags.of("tenant", key.get(0), "tier", key.get(1), "stage", key.get(2)), value)));
        customers.register(customerRows, true);
        mrr.register(mrrRows, true);
    }
}

package dev.rebound.recovery.infra.mongo;

import dev.rebound.recovery.customer.CustomerZones;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Zones in the {@code customer_zones} collection, {@code _id} = tenant:customer, upserted with {@code $set}. */
public final class MongoCustomerZones implements CustomerZones {

    static final String COLLECTION = "customer_zones";
    private final MongoTemplate mongo;

    public MongoCustomerZones(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<ZoneId> zoneOf(String tenantId, String customerId) {
        Document doc = mongo.findById(tenantId + ":" + customerId, Document.class, COLLECTION);
        try {
            return Optional.ofNullable(doc).map(d -> d.getString("zone")).map(ZoneId::of);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void record(String tenantId, String customerId, ZoneId zone) {
        mongo.upsert(Query.query(where("_id").is(tenantId + ":" + customerId)), new Update().set("zone", zone.getId()),
                COLLECTION);
    }
}

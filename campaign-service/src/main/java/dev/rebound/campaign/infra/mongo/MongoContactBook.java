package dev.rebound.campaign.infra.mongo;

import dev.rebound.campaign.contact.Contact;
import dev.rebound.campaign.contact.ContactBook;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Contacts in the {@code contacts} collection, upserted with {@code $set} on the given paths. */
public final class MongoContactBook implements ContactBook {

    private static final String COLLECTION = "contacts";
    private final MongoTemplate mongo;

    public MongoContactBook(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<Contact> find(String tenantId, String customerId) {
        Document doc = mongo.findById(tenantId + ":" + customerId, Document.class, COLLECTION);
        if (doc == null) {
            return Optional.empty();
        }
        return Optional.of(contact(tenantId, customerId, doc));
    }

    @Override
    public void updateIfNewer(String tenantId, String customerId, String clock, java.time.Instant at,
                              Map<String, Object> fields) {
        String id = tenantId + ":" + customerId;
        Update newer = new Update().set("tenantId", tenantId).set("customerId", customerId).set(clock, at);
        fields.forEach(newer::set);
        for (int attempt = 0; attempt < 2; attempt++) {
            if (mongo.updateFirst(Query.query(where("_id").is(id).orOperator(where(clock).exists(false),
                    where(clock).lte(at))), newer, COLLECTION).getMatchedCount() > 0) {
                return;
            }
            // no such contact yet, or it holds a newer word: insert only the former
            Update first = new Update().setOnInsert("tenantId", tenantId).setOnInsert("customerId", customerId)
                    .setOnInsert(clock, at);
            fields.forEach(first::setOnInsert);
            try {
                mongo.upsert(Query.query(where("_id").is(id)), first, COLLECTION);
                return;
            } catch (org.springframework.dao.DuplicateKeyException e) {
                // inserted meanwhile by another consumer: compare again
            }
        }
    }

    @Override
    public void forEachOfTenant(String tenantId, java.util.function.Consumer<Contact> each) {
        try (var contacts = mongo.stream(Query.query(where("tenantId").is(tenantId)), Document.class, COLLECTION)) {
            contacts.forEach(doc -> each.accept(contact(tenantId, doc.getString("customerId"), doc)));
        }
    }

    /** The index a tenant's contacts are listed by (idempotent). */
    public void declareIndexes() {
        mongo.indexOps(COLLECTION).createIndex(new org.springframework.data.mongodb.core.index.Index()
                .on("tenantId", org.springframework.data.domain.Sort.Direction.ASC));
    }

    private static Contact contact(String tenantId, String customerId, Document doc) {
        return (new Contact(tenantId, customerId, doc.getString("email"), doc.getString("name"),
                doc.getString("locale"), doc.getString("timezone"), doc.get("emailConsent", Boolean.TRUE),
                doc.getString("phone"), doc.get("smsConsent", Boolean.FALSE), doc.getString("plan"),
                doc.getString("stage"), doc.getString("tier"), doc.getList("segments", String.class, List.of())));
    }

    @Override
    public void update(String tenantId, String customerId, Map<String, Object> fields) {
        Update update = new Update().set("tenantId", tenantId).set("customerId", customerId);
        fields.forEach(update::set);
        mongo.upsert(Query.query(where("_id").is(tenantId + ":" + customerId)), update, COLLECTION);
    }
}

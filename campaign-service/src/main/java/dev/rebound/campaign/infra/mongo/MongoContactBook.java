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
    /** Bumped by each compared write ({@link #updateIfNewer}); set on every contact when it is created. */
    private static final String VERSION = "v";
    private static final int CONFLICT_ATTEMPTS = 10;
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

    /**
     * Read by id, compared here, written back only if the contact's version is still the one read (a filter on
     * {@code _id} and {@code v}, answered from an index on both in either store; a filter on the clock itself would
     * make the Mongo-wire store scan every contact). Lost to another writer: read again.
     */
    @Override
    public void updateIfNewer(String tenantId, String customerId, String clock, java.time.Instant at,
                              Map<String, Object> fields) {
        String id = tenantId + ":" + customerId;
        for (int attempt = 0; attempt < CONFLICT_ATTEMPTS; attempt++) {
            Query byId = Query.query(where("_id").is(id));
            byId.fields().include(clock, VERSION);
            Document current = mongo.findOne(byId, Document.class, COLLECTION);
            if (current == null) {
                Document first = new Document("_id", id).append("tenantId", tenantId).append("customerId", customerId)
                        .append(clock, java.util.Date.from(at)).append(VERSION, 0L);
                fields.forEach(first::append);
                try {
                    mongo.insert(first, COLLECTION);
                    return;
                } catch (org.springframework.dao.DuplicateKeyException e) {
                    continue; // inserted meanwhile by another consumer: compare again
                }
            }
            java.util.Date held = current.getDate(clock);
            if (held != null && held.toInstant().isAfter(at)) {
                return; // it holds a newer word
            }
            Update newer = new Update().set("tenantId", tenantId).set("customerId", customerId).set(clock, at)
                    .inc(VERSION, 1);
            fields.forEach(newer::set);
            if (mongo.updateFirst(Query.query(where("_id").is(id).and(VERSION).is(current.get(VERSION))), newer,
                    COLLECTION).getMatchedCount() > 0) {
                return;
            }
        }
        throw new IllegalStateException("contact " + id + " kept changing while its " + clock + " was updated");
    }

    @Override
    public void forEachOfTenant(String tenantId, java.util.function.Consumer<Contact> each) {
        try (var contacts = mongo.stream(Query.query(where("tenantId").is(tenantId)), Document.class, COLLECTION)) {
            contacts.forEach(doc -> each.accept(contact(tenantId, doc.getString("customerId"), doc)));
        }
    }

    /**
     * The index a tenant's contacts are listed by, and the one the compared write's filter {@code {_id, v}} uses (a
     * real MongoDB answers it from {@code _id} alone; the embedded store only uses an index whose keys match the
     * filter's exactly); idempotent.
     */
    public void declareIndexes() {
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new org.springframework.data.mongodb.core.index.Index()
                .on("tenantId", org.springframework.data.domain.Sort.Direction.ASC));
        indexes.createIndex(new org.springframework.data.mongodb.core.index.Index()
                .on("_id", org.springframework.data.domain.Sort.Direction.ASC)
                .on(VERSION, org.springframework.data.domain.Sort.Direction.ASC).unique().named("id_v"));
    }

    private static Contact contact(String tenantId, String customerId, Document doc) {
        return (new Contact(tenantId, customerId, doc.getString("email"), doc.getString("name"),
                doc.getString("locale"), doc.getString("timezone"), doc.get("emailConsent", Boolean.TRUE),
                doc.getString("phone"), doc.get("smsConsent", Boolean.FALSE), doc.getString("plan"),
                doc.getString("stage"), doc.getString("tier"), doc.getList("segments", String.class, List.of())));
    }

    @Override
    public void update(String tenantId, String customerId, Map<String, Object> fields) {
        Update update = new Update().set("tenantId", tenantId).set("customerId", customerId)
                .setOnInsert(VERSION, 0L);
        fields.forEach(update::set);
        mongo.upsert(Query.query(where("_id").is(tenantId + ":" + customerId)), update, COLLECTION);
    }
}

package dev.rebound.campaign.infra.mongo;

import dev.rebound.campaign.message.MessageStore;
import dev.rebound.campaign.respect.ContactRules;
import dev.rebound.campaign.message.OutboundMessage;

import dev.rebound.outbox.PendingEvent;
import dev.rebound.outbox.mongo.EmbeddedMongoOutbox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Messages in the {@code messages} collection; a send is claimed with a lease field. What is asked of one customer's
 * messages (the contact budget, a playbook's cap, its exit, a conversion's credit, the inbox) starts from the ids of
 * their messages, kept in one document per customer ({@code message_customers}): lookups by primary key, which every
 * store answers from an index, where a filter on tenant and customer would scan the Mongo-wire store's whole
 * collection (it uses an index only for a filter on exactly its keys), and grow with all customers' messages.
 */
public final class MongoMessageStore implements MessageStore, ContactRules.SentMessages {

    public static final String COLLECTION = "messages";
    /** Per customer, the ids of their messages. */
    public static final String CUSTOMERS = "message_customers";
    private static final String IDS = "ids";
    /** A message's revision: changes with every write, the condition of every read-decide-write. */
    static final String REV = "rev";
    /** Marks that the customers' lists hold every message stored before they existed. */
    private static final String BACKFILLED = "~backfilled";
    private final MongoTemplate mongo;

    public MongoMessageStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The id goes into the customer's list first: a crash before the message is stored leaves an id that finds
     * nothing, never a message its customer's lookups miss (a redelivered trigger finds the message new and stores it).
     */
    @Override
    public Optional<Due> planOnce(OutboundMessage message) {
        mongo.upsert(Query.query(where("_id").is(customerKey(message.tenantId(), message.customerId()))),
                new Update().addToSet(IDS, message.id()), CUSTOMERS);
        Document stored = document(message);
        try {
            mongo.insert(stored, COLLECTION);
            return Optional.of(new Due(message.id(), message.priority(), message.dueAt(), stored));
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    /** Each with what the claim checks and its revision ({@link Due#seen}). */
    @Override
    public List<Due> due(Instant now, int max) {
        Query due = Query.query(claimable(now)).with(Sort.by(Sort.Order.desc("priority"), Sort.Order.asc("dueAt")))
                .limit(max);
        due.fields().include("_id", REV, "status", "priority", "dueAt", "claimedUntil");
        return mongo.find(due, Document.class, COLLECTION).stream().map(d -> new Due(d.getString("_id"),
                d.getInteger("priority", 0), instant(d, "dueAt"), d)).toList();
    }

    /**
     * Claimed under the revision the page saw, when that still shows it claimable now (by id and revision: no scan on
     * any store); otherwise, or when it changed since, read by id, checked here, then claimed under the revision read.
     * A sender that changed it in between wins, and this one looks again.
     */
    @Override
    public Optional<OutboundMessage> claim(Due due, Instant now, Duration lease) {
        Document claimed = null;
        if (due.seen() instanceof Document seen && seen.get(REV) != null && claimable(seen, now)) {
            claimed = mongo.findAndModify(Query.query(where("_id").is(due.id()).and(REV).is(seen.get(REV))),
                    new Update().set("claimedUntil", Date.from(now.plus(lease))).set(REV, newRevision()),
                    FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
        }
        if (claimed == null) {
            claimed = updateIf(due.id(), message -> claimable(message, now),
                    new Update().set("claimedUntil", Date.from(now.plus(lease))));
        }
        return Optional.ofNullable(claimed).map(d -> mongo.getConverter().read(OutboundMessage.class, d));
    }

    private static boolean claimable(Document message, Instant now) {
        Date claimedUntil = message.getDate("claimedUntil");
        return OutboundMessage.MessageStatus.PENDING.name().equals(message.getString("status"))
                && !message.getDate("dueAt").toInstant().isAfter(now)
                && (claimedUntil == null || claimedUntil.toInstant().isBefore(now));
    }

    private static Criteria claimable(Instant now) {
        return where("status").is(OutboundMessage.MessageStatus.PENDING.name()).and("dueAt").lte(now)
                .orOperator(where("claimedUntil").exists(false), where("claimedUntil").lt(now));
    }

    /**
     * Applies {@code update} to the message if {@code when} holds for it, atomically: the message is read by id and
     * written under the revision it had ({@code {_id, rev}}, a unique index, so the Mongo-wire store answers it from
     * an index too), with a new revision; a write in between makes it read and decide again. Returns the message as
     * written, or null when it does not exist or {@code when} does not hold.
     */
    private Document updateIf(String id, java.util.function.Predicate<Document> when, Update update) {
        for (int attempt = 0; ; attempt++) {
            Document current = mongo.findById(id, Document.class, COLLECTION);
            if (current == null || !when.test(current)) {
                return null;
            }
            Document written = mongo.findAndModify(Query.query(where("_id").is(id).and(REV).is(current.get(REV))),
                    update.set(REV, newRevision()), FindAndModifyOptions.options().returnNew(true), Document.class,
                    COLLECTION);
            if (written != null) {
                return written;
            }
            if (attempt == 100) {
                throw new IllegalStateException("message " + id + " kept changing while it was being updated");
            }
        }
    }

    /** Every write gives the message a new revision, so a decision taken on an older read is never written. */
    private static String newRevision() {
        return java.util.UUID.randomUUID().toString();
    }

    private Document document(OutboundMessage message) {
        Document document = new Document();
        mongo.getConverter().write(message, document);
        document.put(REV, newRevision());
        return document;
    }

    @Override
    public void complete(OutboundMessage message) {
        mongo.save(document(message), COLLECTION);
    }

    @Override
    public void retryAt(String id, Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                new Update().set("claimedUntil", at).set(REV, newRevision()), COLLECTION);
    }

    @Override
    public void deferTo(String id, Instant at, String detail) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                new Update().set("claimedUntil", at).set("detail", detail).set(REV, newRevision()), COLLECTION);
    }

    @Override
    public int failedAttempt(String id) {
        Document after = mongo.findAndModify(Query.query(Criteria.where("_id").is(id)),
                new Update().inc("failedAttempts", 1).set(REV, newRevision()), org.springframework.data.mongodb.core.FindAndModifyOptions
                        .options().returnNew(true), Document.class, COLLECTION);
        return after == null ? 1 : after.getInteger("failedAttempts", 1);
    }

    /** Held back by the global holdout or the playbook's own: the control group of its statistics. */
    private static final List<String> HELD_OUT = List.of(HOLDOUT, PLAYBOOK_HOLDOUT);

    /** The customer's key in {@code message_customers}: the tenant's length first, so no two pairs share one. */
    static String customerKey(String tenantId, String customerId) {
        return tenantId.length() + ":" + tenantId + ":" + customerId;
    }

    /** The customer's messages, by the ids their list holds (the tenant and customer compared again). */
    private List<Document> messagesOf(String tenantId, String customerId, String... fields) {
        Document list = mongo.findById(customerKey(tenantId, customerId), Document.class, CUSTOMERS);
        if (list == null) {
            return List.of();
        }
        Query query = Query.query(where("_id").in(list.getList(IDS, String.class)));
        if (fields.length > 0) {
            query.fields().include("tenantId", "customerId").include(fields);
        }
        return mongo.find(query, Document.class, COLLECTION).stream()
                .filter(m -> tenantId.equals(m.getString("tenantId")) && customerId.equals(m.getString("customerId")))
                .toList();
    }

    private static boolean is(Document message, OutboundMessage.MessageStatus status) {
        return status.name().equals(message.getString("status"));
    }

    private static Instant instant(Document message, String field) {
        Date date = message.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static boolean sentSince(Document message, Instant since) {
        Instant sentAt = instant(message, "sentAt");
        return is(message, OutboundMessage.MessageStatus.SENT) && sentAt != null && !sentAt.isBefore(since);
    }

    @Override
    public long sentOfPlaybookSince(String tenantId, String customerId, String playbook, Instant since) {
        return messagesOf(tenantId, customerId, "playbook", "status", "sentAt").stream()
                .filter(m -> playbook.equals(m.getString("playbook")) && sentSince(m, since)).count();
    }

    @Override
    public List<Instant> sentSince(String tenantId, String customerId, Instant since) {
        return messagesOf(tenantId, customerId, "status", "sentAt", "channel").stream()
                // an alert to the customer-success team does not contact the customer
                .filter(m -> sentSince(m, since) && !OutboundMessage.Channel.CSM.name().equals(m.getString("channel")))
                .map(m -> instant(m, "sentAt")).toList();
    }

    /**
     * The indexes the sender's, the statistics' and the conditional writes' queries use (idempotent); then, once, the
     * customers' lists of the messages stored before they existed.
     */
    public void declareIndexes() {
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new org.springframework.data.mongodb.core.index.Index()
                .on("status", Sort.Direction.ASC).on("priority", Sort.Direction.DESC).on("dueAt", Sort.Direction.ASC));
        indexes.createIndex(new org.springframework.data.mongodb.core.index.Index()
                .on("tenantId", Sort.Direction.ASC).on("playbook", Sort.Direction.ASC).on("status", Sort.Direction.ASC));
        // unique because _id is: a real MongoDB answers {_id, rev} from _id alone, the Mongo-wire store needs this
        indexes.createIndex(new org.springframework.data.mongodb.core.index.Index()
                .on("_id", Sort.Direction.ASC).on(REV, Sort.Direction.ASC).unique().named("id_rev"));
        backfillCustomers();
    }

    /** Idempotent (each id is added to a set), so instances starting together, or a start cut short, do no harm. */
    private void backfillCustomers() {
        if (mongo.exists(Query.query(where("_id").is(BACKFILLED)), CUSTOMERS)) {
            return;
        }
        Query all = new Query();
        all.fields().include("tenantId", "customerId");
        var bulk = new java.util.ArrayList<org.springframework.data.util.Pair<Query, Update>>();
        try (var messages = mongo.stream(all, Document.class, COLLECTION)) {
            messages.forEach(m -> {
                bulk.add(org.springframework.data.util.Pair.of(
                        Query.query(where("_id").is(customerKey(m.getString("tenantId"), m.getString("customerId")))),
                        new Update().addToSet(IDS, m.getString("_id"))));
                if (bulk.size() == 1_000) {
                    upsertAll(bulk);
                }
            });
        }
        upsertAll(bulk);
        mongo.upsert(Query.query(where("_id").is(BACKFILLED)), new Update().set("at", new Date()), CUSTOMERS);
    }

    private void upsertAll(List<org.springframework.data.util.Pair<Query, Update>> upserts) {
        if (!upserts.isEmpty()) {
            mongo.bulkOps(org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, CUSTOMERS)
                    .upsert(upserts).execute();
            upserts.clear();
        }
    }

    @Override
    public int skipPending(String tenantId, String customerId, String playbook, String variable, String value,
                           String detail) {
        int skipped = 0;
        for (Document message : messagesOf(tenantId, customerId, "playbook", "status", "variables")) {
            if (of(message, playbook, variable, value) && is(message, OutboundMessage.MessageStatus.PENDING)
                    && updateIf(message.getString("_id"), m -> is(m, OutboundMessage.MessageStatus.PENDING),
                    new Update().set("status", OutboundMessage.MessageStatus.SKIPPED.name()).set("detail", detail)
                            .unset("claimedUntil")) != null) {
                skipped++;
            }
        }
        return skipped;
    }

    /** Variable names are the playbook's own (never the sender's), values are compared as values. */
    private static boolean of(Document message, String playbook, String variable, String value) {
        if (!playbook.equals(message.getString("playbook"))) {
            return false;
        }
        if (variable == null) {
            return true;
        }
        Document variables = message.get("variables", Document.class);
        return variables != null && Objects.equals(variables.get(variable), value);
    }

    @Override
    public Optional<OutboundMessage> latestReached(String tenantId, String customerId, String playbook,
                                                   String variable, String value, Instant since,
                                                   Instant until) {
        return messagesOf(tenantId, customerId).stream()
                .filter(m -> of(m, playbook, variable, value) && reached(m, since, until))
                .max(Comparator.comparing(m -> instant(m, "plannedAt")))
                .map(m -> mongo.getConverter().read(OutboundMessage.class, m));
    }

    /** Sent between {@code since} and {@code until}, or held back by a holdout then (the control group). */
    private static boolean reached(Document message, Instant since, Instant until) {
        Instant at = is(message, OutboundMessage.MessageStatus.SENT) ? instant(message, "sentAt")
                : is(message, OutboundMessage.MessageStatus.SKIPPED) && HELD_OUT.contains(message.getString("detail"))
                ? instant(message, "plannedAt") : null;
        return at != null && !at.isBefore(since) && !at.isAfter(until);
    }

    @Override
    public boolean converted(String messageId, String conversion, Instant at, PendingEvent event) {
        Update update = new Update().set("conversion", conversion).set("convertedAt", at);
        if (event != null) {
            update.push(EmbeddedMongoOutbox.FIELD, event);
        }
        return updateIf(messageId, m -> m.get("conversion") == null, update) != null;
    }

    @Override
    public PlaybookCounts countsOf(String tenantId, String playbook) {
        return new PlaybookCounts(count(of(tenantId, playbook)),
                count(of(tenantId, playbook).and("status").is(OutboundMessage.MessageStatus.PENDING.name())),
                count(of(tenantId, playbook).and("status").is(OutboundMessage.MessageStatus.SENT.name())),
                count(of(tenantId, playbook).and("status").is(OutboundMessage.MessageStatus.SUPPRESSED.name())),
                count(of(tenantId, playbook).and("status").is(OutboundMessage.MessageStatus.SKIPPED.name())
                        .and("detail").nin(HELD_OUT)),
                count(heldOut(tenantId, playbook)),
                count(of(tenantId, playbook).and("status").is(OutboundMessage.MessageStatus.SENT.name())
                        .and("conversion").exists(true)),
                count(heldOut(tenantId, playbook).and("conversion").exists(true)));
    }

    private static Criteria of(String tenantId, String playbook) {
        return where("tenantId").is(tenantId).and("playbook").is(playbook);
    }

    private static Criteria heldOut(String tenantId, String playbook) {
        return of(tenantId, playbook).and("status").is(OutboundMessage.MessageStatus.SKIPPED.name()).and("detail")
                .in(HELD_OUT);
    }

    private long count(Criteria criteria) {
        return mongo.count(Query.query(criteria), COLLECTION);
    }

    @Override
    public boolean markRead(String tenantId, String customerId, String messageId, Instant at) {
        Document message = mongo.findById(messageId, Document.class, COLLECTION);
        if (message == null || !tenantId.equals(message.getString("tenantId"))
                || !customerId.equals(message.getString("customerId"))
                || !OutboundMessage.Channel.INAPP.name().equals(message.getString("channel"))
                || !is(message, OutboundMessage.MessageStatus.SENT)) {
            return false;
        }
        updateIf(messageId, m -> m.get("readAt") == null, new Update().set("readAt", at));
        return true;
    }

    @Override
    public List<OutboundMessage> forCustomer(String tenantId, String customerId, int limit) {
        return messagesOf(tenantId, customerId).stream()
                .sorted(Comparator.comparing((Document m) -> instant(m, "plannedAt")).reversed()).limit(limit)
                .map(m -> mongo.getConverter().read(OutboundMessage.class, m)).toList();
    }
}

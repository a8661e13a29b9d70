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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Messages in the {@code messages} collection; a send is claimed with a lease field. */
public final class MongoMessageStore implements MessageStore, ContactRules.SentMessages {

    public static final String COLLECTION = "messages";
    private final MongoTemplate mongo;

    public MongoMessageStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public boolean planOnce(OutboundMessage message) {
        try {
            mongo.insert(message, COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public List<String> dueIds(Instant now, int max) {
        Query due = Query.query(claimable(now)).with(Sort.by(Sort.Order.desc("priority"), Sort.Order.asc("dueAt")))
                .limit(max);
        due.fields().include("_id");
        return mongo.find(due, org.bson.Document.class, COLLECTION).stream().map(d -> d.getString("_id")).toList();
    }

    /** By id (the primary key): a page's claims cost no scan. */
    @Override
    public Optional<OutboundMessage> claim(String id, Instant now, Duration lease) {
        return Optional.ofNullable(mongo.findAndModify(Query.query(where("_id").is(id)
                        .and("status").is(OutboundMessage.MessageStatus.PENDING.name()).and("dueAt").lte(now)
                        .orOperator(where("claimedUntil").exists(false), where("claimedUntil").lt(now))),
                new Update().set("claimedUntil", now.plus(lease)),
                FindAndModifyOptions.options().returnNew(true), OutboundMessage.class, COLLECTION));
    }

    private static Criteria claimable(Instant now) {
        return where("status").is(OutboundMessage.MessageStatus.PENDING.name()).and("dueAt").lte(now)
                .orOperator(where("claimedUntil").exists(false), where("claimedUntil").lt(now));
    }

    @Override
    public void complete(OutboundMessage message) {
        mongo.save(message, COLLECTION);
    }

    @Override
    public void retryAt(String id, Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().set("claimedUntil", at), COLLECTION);
    }

    @Override
    public void deferTo(String id, Instant at, String detail) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                new Update().set("claimedUntil", at).set("detail", detail), COLLECTION);
    }

    @Override
    public int failedAttempt(String id) {
        org.bson.Document after = mongo.findAndModify(Query.query(Criteria.where("_id").is(id)),
                new Update().inc("failedAttempts", 1), org.springframework.data.mongodb.core.FindAndModifyOptions
                        .options().returnNew(true), org.bson.Document.class, COLLECTION);
        return after == null ? 1 : after.getInteger("failedAttempts", 1);
    }

    /** Held back by the global holdout or the playbook's own: the control group of its statistics. */
    private static final List<String> HELD_OUT = List.of(HOLDOUT, PLAYBOOK_HOLDOUT);

    @Override
    public long sentOfPlaybookSince(String tenantId, String customerId, String playbook, Instant since) {
        return mongo.count(Query.query(where("tenantId").is(tenantId).and("customerId").is(customerId)
                .and("playbook").is(playbook).and("status").is(OutboundMessage.MessageStatus.SENT.name())
                .and("sentAt").gte(since)), COLLECTION);
    }

    @Override
    public List<Instant> sentSince(String tenantId, String customerId, Instant since) {
        Query query = Query.query(where("tenantId").is(tenantId).and("customerId").is(customerId)
                .and("status").is(OutboundMessage.MessageStatus.SENT.name()).and("sentAt").gte(since)
                // an alert to the customer-success team does not contact the customer
                .and("channel").ne(OutboundMessage.Channel.CSM.name()));
        query.fields().include("sentAt");
        return mongo.find(query, org.bson.Document.class, COLLECTION).stream()
                .map(d -> d.getDate("sentAt").toInstant()).toList();
    }

    /** The indexes the sender's and the customer views' queries use (idempotent). */
    public void declareIndexes() {
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new org.springframework.data.mongodb.core.index.Index()
                .on("status", Sort.Direction.ASC).on("priority", Sort.Direction.DESC).on("dueAt", Sort.Direction.ASC));
        indexes.createIndex(new org.springframework.data.mongodb.core.index.Index()
                .on("tenantId", Sort.Direction.ASC).on("customerId", Sort.Direction.ASC)
                .on("plannedAt", Sort.Direction.DESC));
    }

    @Override
    public int skipPending(String tenantId, String customerId, String playbook, String variable, String value,
                           String detail) {
        return (int) mongo.updateMulti(Query.query(ofCustomer(tenantId, customerId, playbook, variable, value)
                        .and("status").is(OutboundMessage.MessageStatus.PENDING.name())),
                new Update().set("status", OutboundMessage.MessageStatus.SKIPPED.name()).set("detail", detail)
                        .unset("claimedUntil"),
                COLLECTION).getModifiedCount();
    }

    @Override
    public Optional<OutboundMessage> latestReached(String tenantId, String customerId, String playbook,
                                                   String variable, String value, Instant since,
                                                   Instant until) {
        Criteria reached = new Criteria().orOperator(
                where("status").is(OutboundMessage.MessageStatus.SENT.name()).and("sentAt").gte(since).lte(until),
                where("status").is(OutboundMessage.MessageStatus.SKIPPED.name()).and("detail").in(HELD_OUT)
                        .and("plannedAt").gte(since).lte(until));
        return Optional.ofNullable(mongo.findOne(Query.query(new Criteria().andOperator(
                        ofCustomer(tenantId, customerId, playbook, variable, value), reached))
                .with(Sort.by(Sort.Direction.DESC, "plannedAt")), OutboundMessage.class, COLLECTION));
    }

    @Override
    public boolean converted(String messageId, String conversion, Instant at, PendingEvent event) {
        Update update = new Update().set("conversion", conversion).set("convertedAt", at);
        if (event != null) {
            update.push(EmbeddedMongoOutbox.FIELD, event);
        }
        return mongo.updateFirst(Query.query(where("_id").is(messageId).and("conversion").exists(false)), update,
                COLLECTION).getModifiedCount() == 1;
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

    /** Variable names are the playbook's own (never the sender's), values are compared as values. */
    private static Criteria ofCustomer(String tenantId, String customerId, String playbook, String variable,
                                       String value) {
        Criteria criteria = where("tenantId").is(tenantId).and("customerId").is(customerId).and("playbook").is(playbook);
        return variable == null ? criteria : criteria.and("variables." + variable).is(value);
    }

    @Override
    public boolean markRead(String tenantId, String customerId, String messageId, Instant at) {
        Query ours = Query.query(where("_id").is(messageId).and("tenantId").is(tenantId).and("customerId").is(customerId)
                .and("channel").is(OutboundMessage.Channel.INAPP.name()).and("status")
                .is(OutboundMessage.MessageStatus.SENT.name()));
        if (!mongo.exists(ours, COLLECTION)) {
            return false;
        }
        mongo.updateFirst(Query.query(where("_id").is(messageId).and("readAt").exists(false)),
                new Update().set("readAt", at), COLLECTION);
        return true;
    }

    @Override
    public List<OutboundMessage> forCustomer(String tenantId, String customerId, int limit) {
        return mongo.find(Query.query(where("tenantId").is(tenantId).and("customerId").is(customerId))
                .with(Sort.by(Sort.Direction.DESC, "plannedAt")).limit(limit), OutboundMessage.class, COLLECTION);
    }
}

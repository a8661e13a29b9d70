package dev.rebound.recovery.infra.mongo;

import dev.rebound.recovery.invoice.Attempt;
import dev.rebound.recovery.invoice.ConcurrentRecoveryUpdateException;
import dev.rebound.recovery.invoice.InvoiceRecovery;
import dev.rebound.recovery.invoice.RecoveryStatus;
import dev.rebound.recovery.invoice.RecoveryStore;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.ReplaceOptions;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Recoveries in the {@code recoveries} collection. Claiming a due retry bumps {@code version} together with
 * the lease, so a second instance's save of a stale copy fails instead of recording a second charge.
 */
public final class MongoRecoveryStore implements RecoveryStore {

    public static final String COLLECTION = "recoveries";
    private final MongoTemplate mongo;

    public MongoRecoveryStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<InvoiceRecovery> find(String tenantId, String invoiceId) {
        return Optional.ofNullable(mongo.findById(InvoiceRecovery.idOf(tenantId, invoiceId), InvoiceRecovery.class,
                COLLECTION));
    }

    @Override
    public void save(InvoiceRecovery r) {
        long expected = r.version();
        r.storedAs(expected + 1);
        try {
            if (expected == 0) {
                mongo.insert(r, COLLECTION);
            } else if (mongo.replace(Query.query(where("_id").is(r.id()).and("version").is(expected)), r,
                    ReplaceOptions.none(), COLLECTION).getMatchedCount() == 0) {
                throw new ConcurrentRecoveryUpdateException(r.id());
            }
        } catch (DuplicateKeyException e) {
            r.storedAs(expected);
            throw new ConcurrentRecoveryUpdateException(r.id());
        } catch (ConcurrentRecoveryUpdateException e) {
            r.storedAs(expected);
            throw e;
        }
    }

    @Override
    public Optional<InvoiceRecovery> claimDue(Instant now, Duration lease) {
        Query due = Query.query(where("status").is(RecoveryStatus.RETRYING.name()).and("nextRetryAt").lte(now)
                        .orOperator(where("claimedUntil").exists(false), where("claimedUntil").lt(now)))
                .with(Sort.by("nextRetryAt"));
        return Optional.ofNullable(mongo.findAndModify(due,
                new Update().set("claimedUntil", now.plus(lease)).inc("version", 1),
                FindAndModifyOptions.options().returnNew(true), InvoiceRecovery.class, COLLECTION));
    }

    /**
     * One sorted query finds the earliest due candidates; each is then claimed by a conditional update on its id
     * and version (lease set, version bumped), so a candidate another instance claimed first is skipped.
     */
    @Override
    public List<InvoiceRecovery> claimDue(Instant now, Duration lease, int max) {
        Query due = dueQuery(now).with(Sort.by("nextRetryAt")).limit(max);
        due.fields().include("_id", "version");
        List<InvoiceRecovery> claimed = new java.util.ArrayList<>();
        for (org.bson.Document candidate : mongo.find(due, org.bson.Document.class, COLLECTION)) {
            Object id = candidate.get("_id");
            Query unchanged = Query.query(where("_id").is(id).and("version").is(candidate.get("version"))
                    .and("status").is(RecoveryStatus.RETRYING.name()));
            if (mongo.updateFirst(unchanged, new Update().set("claimedUntil", now.plus(lease)).inc("version", 1),
                    COLLECTION).getModifiedCount() == 1) {
                InvoiceRecovery r = mongo.findById(id, InvoiceRecovery.class, COLLECTION);
                if (r != null) {
                    claimed.add(r);
                }
            }
        }
        return claimed;
    }

    private static Query dueQuery(Instant now) {
        return Query.query(where("status").is(RecoveryStatus.RETRYING.name()).and("nextRetryAt").lte(now)
                .orOperator(where("claimedUntil").exists(false), where("claimedUntil").lt(now)));
    }

    @Override
    public List<InvoiceRecovery> openForCustomer(String tenantId, String customerId) {
        return mongo.find(Query.query(where("tenantId").is(tenantId).and("customerId").is(customerId)
                .and("status").in(openStatuses())),
                InvoiceRecovery.class, COLLECTION);
    }

    @Override
    public List<Instant> retryTimesOfCard(String tenantId, String paymentMethodId) {
        if (paymentMethodId == null) {
            return List.of();
        }
        return mongo.find(Query.query(where("tenantId").is(tenantId).and("attempts.paymentMethodId").is(paymentMethodId)),
                        InvoiceRecovery.class, COLLECTION).stream()
                .flatMap(r -> r.attempts().stream())
                .filter(a -> a.kind() == Attempt.Kind.RETRY && paymentMethodId.equals(a.paymentMethodId()))
                .map(Attempt::at)
                .toList();
    }

    @Override
    public java.util.stream.Stream<InvoiceRecovery> failedBetween(String tenantId, Instant from, Instant to) {
        return mongo.stream(Query.query(where("tenantId").is(tenantId).and("firstFailedAt").gte(from).lt(to)),
                InvoiceRecovery.class, COLLECTION);
    }

    @Override
    public long countOpen() {
        return mongo.count(Query.query(where("status").in(openStatuses())), COLLECTION);
    }

    @Override
    public List<InvoiceRecovery> openPastWindow(Instant now, int limit) {
        return mongo.find(Query.query(where("status").in(openStatuses()).and("dunningEndsAt").lte(now)).limit(limit),
                InvoiceRecovery.class, COLLECTION);
    }

    /** Declares the indexes the queries above use (idempotent; the Mongo-wire test store may ignore them). */
    public void declareIndexes() {
        var indexes = mongo.indexOps(COLLECTION);
        // the optimistic write's filter {_id, version}: a real MongoDB answers it from _id alone; the embedded store
        // only uses an index whose keys match the filter's exactly, and otherwise scans every recovery per write
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC).unique()
                .named("id_version"));
        indexes.createIndex(new Index().on("status", Sort.Direction.ASC).on("nextRetryAt", Sort.Direction.ASC));
        indexes.createIndex(new Index().on("status", Sort.Direction.ASC).on("dunningEndsAt", Sort.Direction.ASC));
        indexes.createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("customerId", Sort.Direction.ASC));
        indexes.createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("firstFailedAt", Sort.Direction.ASC));
        indexes.createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("attempts.paymentMethodId", Sort.Direction.ASC));
    }

    private static List<String> openStatuses() {
        return RecoveryStatus.OPEN.stream().map(Enum::name).toList();
    }
}

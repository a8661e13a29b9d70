package dev.rebound.scoring.profile;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.ReplaceOptions;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Profiles in the {@code profiles} collection, one document per tenant:customer, optimistic versioning. */
class MongoProfileStore implements ProfileStore {

    static final String COLLECTION = "profiles";
    private final MongoTemplate mongo;

    MongoProfileStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<CustomerProfile> find(String tenantId, String customerId) {
        return Optional.ofNullable(mongo.findById(CustomerProfile.idOf(tenantId, customerId), CustomerProfile.class,
                COLLECTION));
    }

    @Override
    public void save(CustomerProfile profile) {
        long expected = profile.version;
        profile.version = expected + 1;
        try {
            if (expected == 0) {
                mongo.insert(profile, COLLECTION);
                return;
            }
            // replace, not findAndReplace: the old document is not needed back
            if (mongo.replace(Query.query(where("_id").is(profile.id).and("version").is(expected)), profile,
                    ReplaceOptions.none(), COLLECTION).getMatchedCount() == 0) {
                throw new ConcurrentProfileUpdateException(profile.id);
            }
        } catch (DuplicateKeyException e) {
            profile.version = expected;
            throw new ConcurrentProfileUpdateException(profile.id);
        } catch (ConcurrentProfileUpdateException e) {
            profile.version = expected;
            throw e;
        }
    }

    @Override
    public List<CustomerProfile> withPendingEvents(int limit) {
        return mongo.find(Query.query(where("outbox.0").exists(true)).limit(limit), CustomerProfile.class,
                COLLECTION);
    }

    @Override
    public void markDelivered(String profileId, List<String> eventIds) {
        mongo.updateFirst(Query.query(where("_id").is(profileId)),
                new Update().pull("outbox", new Document("eventId", new Document("$in", eventIds))), COLLECTION);
    }
}

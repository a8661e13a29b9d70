package dev.rebound.recovery.infra.mongo;

import dev.rebound.recovery.predunning.CardExpiryNotice;
import dev.rebound.recovery.predunning.CardExpiryNotices;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Notices in the {@code card_expiry_notices} collection; the id makes a second insert of one notice fail. */
public final class MongoCardExpiryNotices implements CardExpiryNotices {

    public static final String COLLECTION = "card_expiry_notices";
    private final MongoTemplate mongo;

    public MongoCardExpiryNotices(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public boolean addOnce(CardExpiryNotice notice) {
        try {
            mongo.insert(notice, COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}

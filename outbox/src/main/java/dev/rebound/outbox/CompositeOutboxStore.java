package dev.rebound.outbox;

import java.util.ArrayList;
import java.util.List;

/**
 * One outbox over several stores (collections) of a service. Owner ids are unique across them (each store's ids
 * carry their own shape), so a delivery is marked in every store and matches in the one that holds it.
 */
public final class CompositeOutboxStore implements OutboxStore {

    private final List<OutboxStore> stores;

    public CompositeOutboxStore(List<OutboxStore> stores) {
        this.stores = List.copyOf(stores);
    }

    @Override
    public List<Outbox> withPendingEvents(int limit) {
        List<Outbox> pending = new ArrayList<>();
        for (OutboxStore store : stores) {
            if (pending.size() >= limit) {
                break;
            }
            pending.addAll(store.withPendingEvents(limit - pending.size()));
        }
        return pending;
    }

    @Override
    public void markDelivered(String ownerId, List<String> eventIds) {
        stores.forEach(store -> store.markDelivered(ownerId, eventIds));
    }
}

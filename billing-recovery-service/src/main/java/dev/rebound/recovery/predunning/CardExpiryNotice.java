package dev.rebound.recovery.predunning;

import dev.rebound.outbox.OutboxOwner;
import dev.rebound.outbox.PendingEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Pre-dunning: a card about to expire was noticed, and the customer asked once for an update before any charge
 * fails. One notice per (tenant, card, expiry), so a repeated expiring event asks nothing twice.
 */
public class CardExpiryNotice implements OutboxOwner {

    private String id;
    private String tenantId;
    private String customerId;
    private String paymentMethodId;
    private String expiry;
    private Instant noticedAt;
    private List<PendingEvent> outbox = new ArrayList<>();

    protected CardExpiryNotice() {
    }

    public static CardExpiryNotice of(String tenantId, String customerId, String paymentMethodId, String expiry,
                                      Instant noticedAt, PendingEvent request) {
        CardExpiryNotice notice = new CardExpiryNotice();
        notice.id = idOf(tenantId, paymentMethodId, expiry);
        notice.tenantId = tenantId;
        notice.customerId = customerId;
        notice.paymentMethodId = paymentMethodId;
        notice.expiry = expiry;
        notice.noticedAt = noticedAt;
        notice.outbox.add(request);
        return notice;
    }

    /** {@code tenant:expiring:card:yyyy-mm}: never the id of an invoice recovery ({@code tenant:invoice}). */
    public static String idOf(String tenantId, String paymentMethodId, String expiry) {
        return tenantId + ":expiring:" + paymentMethodId + ":" + (expiry == null ? "unknown" : expiry);
    }

    @Override public String id() { return id; }
    public String tenantId() { return tenantId; }
    public String customerId() { return customerId; }
    public String paymentMethodId() { return paymentMethodId; }
    public String expiry() { return expiry; }
    public Instant noticedAt() { return noticedAt; }
    @Override public List<PendingEvent> outbox() { return List.copyOf(outbox); }
}

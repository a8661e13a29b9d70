package dev.rebound.recovery.invoice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The recovery of one failed invoice, persisted as one document; mutated only by the recovery use cases. */
public class InvoiceRecovery {

    static final int REMEMBERED_EVENT_IDS = 200;

    String id;
    String tenantId;
    String customerId;
    String invoiceId;
    long amount;
    String currency;
    String paymentMethodId;
    RecoveryStatus status;
    String declineClass;
    String lastDeclineCode;
    Instant firstFailedAt;
    Instant nextRetryAt;
    Instant closedAt;
    int retries;
    long version;
    List<Attempt> attempts = new ArrayList<>();
    List<String> recentEventIds = new ArrayList<>();
    List<PendingEvent> outbox = new ArrayList<>();

    protected InvoiceRecovery() {
    }

    static InvoiceRecovery open(String tenantId, String customerId, String invoiceId) {
        InvoiceRecovery r = new InvoiceRecovery();
        r.id = idOf(tenantId, invoiceId);
        r.tenantId = tenantId;
        r.customerId = customerId;
        r.invoiceId = invoiceId;
        return r;
    }

    public static String idOf(String tenantId, String invoiceId) {
        return tenantId + ":" + invoiceId;
    }

    boolean hasSeen(String eventKey) {
        return recentEventIds.contains(eventKey);
    }

    void remember(String eventKey) {
        recentEventIds.add(eventKey);
        if (recentEventIds.size() > REMEMBERED_EVENT_IDS) {
            recentEventIds.removeFirst();
        }
    }

    public String id() { return id; }
    public String tenantId() { return tenantId; }
    public String customerId() { return customerId; }
    public String invoiceId() { return invoiceId; }
    public long amount() { return amount; }
    public String currency() { return currency; }
    public String paymentMethodId() { return paymentMethodId; }
    public RecoveryStatus status() { return status; }
    public String declineClass() { return declineClass; }
    public String lastDeclineCode() { return lastDeclineCode; }
    public Instant firstFailedAt() { return firstFailedAt; }
    public Instant nextRetryAt() { return nextRetryAt; }
    public Instant closedAt() { return closedAt; }
    public int retries() { return retries; }
    public long version() { return version; }
    public List<Attempt> attempts() { return List.copyOf(attempts); }
    public List<PendingEvent> outbox() { return List.copyOf(outbox); }
}

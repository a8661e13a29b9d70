package dev.rebound.scoring.profile;

import dev.rebound.contracts.data.CancelReason;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.RiskReason;
import dev.rebound.contracts.data.RiskTier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What scoring knows of one customer, derived only from the events' own times. Mutated only by
 * {@link ProfileUpdating}; persisted as-is (plain fields, no persistence annotations).
 */
public class CustomerProfile {

    /** How many recent event ids a profile remembers to drop redeliveries. */
    static final int REMEMBERED_EVENT_IDS = 500;

    String id;
    String tenantId;
    String customerId;
    long version;

    String plan;
    long mrr;
    String currency;
    Instant firstSeenAt;
    Instant trialEndsAt;
    Instant lastActiveAt;
    Instant lastEventAt;
    long lifetimeValue;
    int payments;
    int sessions;
    Map<String, Integer> featureUse = new LinkedHashMap<>();
    int limitsHit;
    int cancelPageViews;
    int downgradeIntentViews;
    Instant lastCancelPageViewAt;
    List<String> openTickets = new ArrayList<>();
    List<String> unansweredTickets = new ArrayList<>();
    Integer latestNps;
    boolean championLeft;
    int seatsTrend;
    int openPaymentFailures;

    LifecycleStage stage;
    Instant stageSince;
    CancelReason cancelReason;
    String cancelComment;
    Instant cancelledAt;

    int riskScore;
    RiskTier riskTier = RiskTier.LOW;
    List<RiskReason> riskReasons = new ArrayList<>();

    List<String> recentEventIds = new ArrayList<>();
    List<PendingEvent> outbox = new ArrayList<>();

    protected CustomerProfile() {
    }

    public static CustomerProfile start(String tenantId, String customerId) {
        CustomerProfile profile = new CustomerProfile();
        profile.id = idOf(tenantId, customerId);
        profile.tenantId = tenantId;
        profile.customerId = customerId;
        return profile;
    }

    public static String idOf(String tenantId, String customerId) {
        return tenantId + ":" + customerId;
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
    public long version() { return version; }
    public String plan() { return plan; }
    public long mrr() { return mrr; }
    public String currency() { return currency; }
    public Instant firstSeenAt() { return firstSeenAt; }
    public Instant lastActiveAt() { return lastActiveAt; }
    public long lifetimeValue() { return lifetimeValue; }
    public int payments() { return payments; }
    public int sessions() { return sessions; }
    public Map<String, Integer> featureUse() { return Map.copyOf(featureUse); }
    public int limitsHit() { return limitsHit; }
    public int cancelPageViews() { return cancelPageViews; }
    public Instant lastCancelPageViewAt() { return lastCancelPageViewAt; }
    public int downgradeIntentViews() { return downgradeIntentViews; }
    public int seatsTrend() { return seatsTrend; }
    public Instant lastEventAt() { return lastEventAt; }
    public Instant trialEndsAt() { return trialEndsAt; }
    public int openTickets() { return openTickets.size(); }
    public int unansweredTickets() { return unansweredTickets.size(); }
    public Integer latestNps() { return latestNps; }
    public boolean championLeft() { return championLeft; }
    public int openPaymentFailures() { return openPaymentFailures; }
    public LifecycleStage stage() { return stage; }
    public Instant stageSince() { return stageSince; }
    public CancelReason cancelReason() { return cancelReason; }
    public String cancelComment() { return cancelComment; }
    public Instant cancelledAt() { return cancelledAt; }
    public int riskScore() { return riskScore; }
    public RiskTier riskTier() { return riskTier; }
    public List<RiskReason> riskReasons() { return List.copyOf(riskReasons); }
    public List<PendingEvent> outbox() { return List.copyOf(outbox); }

    /** Average order value in minor units: lifetime value over successful payments. */
    public long averageOrderValue() {
        return payments == 0 ? 0 : lifetimeValue / payments;
    }

    /** Emitted events are handed to the outbox relay and then forgotten. */
    public void outboxDelivered(List<String> eventIds) {
        outbox.removeIf(pending -> eventIds.contains(pending.eventId()));
    }
}

package dev.rebound.scoring.profile;

import dev.rebound.scoring.updating.ProfileUpdating;

import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.*;
import dev.rebound.outbox.PendingEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What scoring knows of one customer, derived only from the events' own times. {@link #apply} folds one
 * catalog event into the signals; risk and stage are set by {@link ProfileUpdating}. Persisted field by field
 * (no persistence annotations); the outbox holds the events a change caused until they are published.
 */
public class CustomerProfile {

    /** How many recent event ids a profile remembers to drop redeliveries. */
    public static final int REMEMBERED_EVENT_IDS = 500;
    private static final Set<String> DOWNGRADE_PAGES = Set.of("pricing", "downgrade", "plans");

    private String id;
    private String tenantId;
    private String customerId;
    private long version;

    private String plan;
    private long mrr;
    private String currency;
    private Instant firstSeenAt;
    private Instant trialEndsAt;
    private Instant lastActiveAt;
    private Instant lastEventAt;
    private long lifetimeValue;
    private int payments;
    /** Stored as well as derivable, so lists can filter on them: lifetime value per payment, activity count. */
    private long averageOrderValue;
    private long engagement;
    private int sessions;
    private Map<String, Integer> featureUse = new LinkedHashMap<>();
    private int limitsHit;
    private int cancelPageViews;
    private int downgradeIntentViews;
    private Instant lastCancelPageViewAt;
    private List<String> openTickets = new ArrayList<>();
    private List<String> unansweredTickets = new ArrayList<>();
    private Integer latestNps;
    private boolean championLeft;
    private int seatsTrend;
    private int openPaymentFailures;

    /** When this profile next needs a look without an event (its silence makes it dormant then); null: none. */
    private Instant nextLookAt;

    private LifecycleStage stage;
    private Instant stageSince;
    private CancelReason cancelReason;
    private String cancelComment;
    private Instant cancelledAt;

    private int riskScore;
    private RiskTier riskTier = RiskTier.LOW;
    private List<RiskReason> riskReasons = new ArrayList<>();

    /** The customer's MRR over time (event time), for period figures; the most recent {@value #REVENUE_POINTS} changes. */
    private List<RevenuePoint> revenue = new ArrayList<>();
    /** The days (epoch days, UTC) with activity, the most recent {@value #ACTIVE_DAYS} of them, ascending. */
    private List<Long> activeDays = new ArrayList<>();

    private List<String> recentEventIds = new ArrayList<>();
    private List<PendingEvent> outbox = new ArrayList<>();

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

    static final int REVENUE_POINTS = 200;
    static final int ACTIVE_DAYS = 60;

    /** From {@code at} on, the customer pays {@code mrr} (minor units of the profile's currency; 0: not paying). */
    public record RevenuePoint(Instant at, long mrr) {}

    /** Folds one event into the signals, at the event's own time. */
    public void apply(EventType type, EventData data, Instant at) {
        seenAt(at);
        recordRevenue(data, at);
        switch (data) {
            case CustomerSignedUp d -> signedUp(d);
            case SubscriptionTrialStarted d -> trialStarted(d);
            case UsageSession d -> session(at);
            case UsageFeatureUsed d -> featureUsed(d, at);
            case UsageLimitReached d -> limitReached(at);
            case PageViewed d -> pageViewed(d, at);
            case SubscriptionStarted d -> subscribed(d.plan(), d.mrr(), d.currency());
            case SubscriptionChanged d -> subscriptionChanged(d);
            case SubscriptionCancelled d -> cancelled(d, at);
            case SubscriptionReactivated d -> reactivated(d);
            case SupportTicketActivity d -> ticket(type, d);
            case FeedbackNps d -> latestNps = d.score();
            case AccountChampionLeft d -> championLeft = true;
            case PaymentSucceeded d -> paid(d);
            case PaymentFailed d -> openPaymentFailures++;
            default -> {
                // customer.updated, feature.*, payment_method.* and the services' own events carry no risk signal yet
            }
        }
    }

    private void recordRevenue(EventData data, Instant at) {
        switch (data) {
            case CustomerSignedUp d -> revenuePoint(at, d.mrr());
            case SubscriptionStarted d -> revenuePoint(at, d.mrr());
            case SubscriptionChanged d -> revenuePoint(at, d.mrrAfter());
            case SubscriptionCancelled d -> revenuePoint(d.effectiveAt() != null ? d.effectiveAt() : at, 0);
            case SubscriptionReactivated d -> revenuePoint(at, d.mrr());
            case UsageSession d -> activeOn(at);
            case UsageFeatureUsed d -> activeOn(at);
            case UsageLimitReached d -> activeOn(at);
            case PageViewed d -> activeOn(at);
            default -> {
                // no revenue or activity
            }
        }
    }

    private void revenuePoint(Instant at, long mrr) {
        int i = revenue.size();
        while (i > 0 && revenue.get(i - 1).at().isAfter(at)) {
            i--;
        }
        revenue.add(i, new RevenuePoint(at, mrr));
        if (revenue.size() > REVENUE_POINTS) {
            revenue.removeFirst();
        }
    }

    private void activeOn(Instant at) {
        long day = at.atZone(java.time.ZoneOffset.UTC).toLocalDate().toEpochDay();
        int i = java.util.Collections.binarySearch(activeDays, day);
        if (i < 0) {
            activeDays.add(-i - 1, day);
            if (activeDays.size() > ACTIVE_DAYS) {
                activeDays.removeFirst();
            }
        }
    }

    /** What the customer paid per month at {@code t} (0: not a paying customer then). */
    public long mrrAt(Instant t) {
        long mrr = 0;
        for (RevenuePoint point : revenue) {
            if (point.at().isAfter(t)) {
                break;
            }
            mrr = point.mrr();
        }
        return mrr;
    }

    /** When the customer first paid, or null. */
    public Instant firstPaidAt() {
        return revenue.stream().filter(p -> p.mrr() > 0).map(RevenuePoint::at).findFirst().orElse(null);
    }

    /** Whether the customer was active on the day (epoch day, UTC), as far as the remembered days reach. */
    public boolean activeOn(long epochDay) {
        return java.util.Collections.binarySearch(activeDays, epochDay) >= 0;
    }

    private void seenAt(Instant at) {
        if (firstSeenAt == null || at.isBefore(firstSeenAt)) {
            firstSeenAt = at;
        }
        lastEventAt = latest(lastEventAt, at);
    }

    private void signedUp(CustomerSignedUp d) {
        plan = d.plan();
        mrr = d.mrr();
        currency = d.currency();
        trialEndsAt = d.trialEndsAt();
    }

    private void trialStarted(SubscriptionTrialStarted d) {
        plan = d.plan();
        trialEndsAt = d.trialEndsAt();
    }

    private void session(Instant at) {
        sessions++;
        engagement++;
        lastActiveAt = latest(lastActiveAt, at);
    }

    private void featureUsed(UsageFeatureUsed d, Instant at) {
        featureUse.merge(d.feature(), Math.max(1, d.count()), Integer::sum);
        engagement += Math.max(1, d.count());
        lastActiveAt = latest(lastActiveAt, at);
    }

    private void limitReached(Instant at) {
        limitsHit++;
        lastActiveAt = latest(lastActiveAt, at);
    }

    private void pageViewed(PageViewed d, Instant at) {
        if ("cancel".equals(d.page())) {
            cancelPageViews++;
            lastCancelPageViewAt = latest(lastCancelPageViewAt, at);
        } else if (DOWNGRADE_PAGES.contains(d.page())) {
            downgradeIntentViews++;
        }
        lastActiveAt = latest(lastActiveAt, at);
    }

    private void subscribed(String plan, long mrr, String currency) {
        this.plan = plan;
        this.mrr = mrr;
        this.currency = currency;
        trialEndsAt = null;
    }

    private void subscriptionChanged(SubscriptionChanged d) {
        plan = d.toPlan() != null ? d.toPlan() : plan;
        mrr = d.mrrAfter();
        currency = d.currency();
        if (d.seatsBefore() != null && d.seatsAfter() != null) {
            seatsTrend += Integer.compare(d.seatsAfter(), d.seatsBefore());
        }
    }

    private void cancelled(SubscriptionCancelled d, Instant at) {
        cancelReason = d.reason();
        cancelComment = d.comment();
        cancelledAt = d.effectiveAt() != null ? d.effectiveAt() : at;
    }

    private void reactivated(SubscriptionReactivated d) {
        subscribed(d.plan(), d.mrr(), d.currency());
        cancelReason = null;
        cancelComment = null;
        cancelledAt = null;
    }

    private void ticket(EventType type, SupportTicketActivity d) {
        switch (type) {
            case SUPPORT_TICKET_OPENED -> {
                addOnce(openTickets, d.ticketId());
                addOnce(unansweredTickets, d.ticketId());
            }
            case SUPPORT_TICKET_REPLIED -> {
                if ("customer".equals(d.by())) {
                    addOnce(unansweredTickets, d.ticketId());
                } else {
                    unansweredTickets.remove(d.ticketId());
                }
            }
            default -> {
                openTickets.remove(d.ticketId());
                unansweredTickets.remove(d.ticketId());
            }
        }
    }

    private void paid(PaymentSucceeded d) {
        lifetimeValue += d.amount();
        payments++;
        averageOrderValue = lifetimeValue / payments;
        openPaymentFailures = 0;
    }

    /** The risk as just assessed. */
    public void assessed(int score, RiskTier tier, List<RiskReason> reasons) {
        riskScore = score;
        riskTier = tier;
        riskReasons = new ArrayList<>(reasons);
    }

    public void enterStage(LifecycleStage next, Instant at) {
        stage = next;
        stageSince = at;
    }

    /** Stages a long silence turns into DORMANT. */
    private static final Set<LifecycleStage> CAN_GO_DORMANT = Set.of(LifecycleStage.ONBOARDING, LifecycleStage.ACTIVE,
            LifecycleStage.AT_RISK, LifecycleStage.REACTIVATED);

    /** Whether a silence would make this customer dormant (not churned, past due, on trial or dormant already). */
    public boolean canGoDormant() {
        return stage != null && CAN_GO_DORMANT.contains(stage);
    }

    /** The last sign of life: activity, or the first event for a customer never active. */
    public Instant lastSignOfLife() {
        return lastActiveAt != null ? lastActiveAt : firstSeenAt;
    }

    /** Sets when this profile next needs a look: {@code dormantAfter} past its last sign of life, if it can go dormant. */
    public void scheduleLook(java.time.Duration dormantAfter) {
        nextLookAt = canGoDormant() && lastSignOfLife() != null ? lastSignOfLife().plus(dormantAfter) : null;
    }

    public Instant nextLookAt() {
        return nextLookAt;
    }

    public boolean trialingAt(Instant at) {
        return trialEndsAt != null && trialEndsAt.isAfter(at);
    }

    public boolean hasSeen(String eventKey) {
        return recentEventIds.contains(eventKey);
    }

    public void remember(String eventKey) {
        recentEventIds.add(eventKey);
        if (recentEventIds.size() > REMEMBERED_EVENT_IDS) {
            recentEventIds.removeFirst();
        }
    }

    public void addToOutbox(PendingEvent event) {
        outbox.add(event);
    }

    /** The store's optimistic-lock counter: the version this profile was read at, set by the store when it writes. */
    public long version() { return version; }

    public void storedAs(long version) { this.version = version; }

    public String id() { return id; }
    public String tenantId() { return tenantId; }
    public String customerId() { return customerId; }
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

    /** Sessions plus feature uses: how much the customer uses the product. */
    public long engagement() {
        return engagement;
    }

    private static Instant latest(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}

package dev.rebound.scoring.profile;

import dev.rebound.scoring.updating.ProfileUpdating;

import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.*;
import dev.rebound.outbox.PendingEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
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

    /**
     * How many recent event ids a profile keeps: redeliveries of a batch in flight are caught here even before the
     * ids reach the seen-events store, which remembers every id however old.
     */
    public static final int REMEMBERED_EVENT_IDS = 64;
    /** Days of activity a profile keeps: enough for the 90-day window and a monthly product's trend baseline. */
    public static final int ACTIVITY_DAYS = 150;
    static final int REVENUE_POINTS = 200;
    static final int INTENT_VIEWS = 20;
    static final int MAX_FEATURES = 100;
    static final int MAX_TICKETS = 50;
    static final int MAX_ATTRIBUTES = 30;
    static final int MAX_REQUESTS = 20;
    private static final Set<String> CANCEL_PAGES = Set.of("cancel", "cancellation", "cancel-subscription");
    private static final Set<String> DOWNGRADE_PAGES = Set.of("pricing", "downgrade", "plans");

    private String id;
    private String tenantId;
    private String customerId;
    private long version;
    /** Which write stored this document last: tells a bulk write's own saves from another writer's. */
    private String writeId;

    private String plan;
    private long mrr;
    private String currency;
    private Instant signedUpAt;
    private Instant firstSeenAt;
    private Instant trialEndsAt;
    private Instant lastActiveAt;
    private Instant lastEventAt;
    /**
     * The latest time of the product's own events (the usage topic): what the profile knows is complete up to here,
     * as the customer's events on other topics (billing, Rebound's own) may be consumed ahead of their usage.
     */
    private Instant lastUsageAt;
    private long lifetimeValue;
    private int payments;
    /** Stored as well as derivable, so lists can filter on them: lifetime value per payment, activity count. */
    private long averageOrderValue;
    private long engagement;
    private int sessions;
    /**
     * Uses per feature and when each was first used (at most {@value #MAX_FEATURES} features). Lists of named entries,
     * not maps: names are the sender's and may hold the dots and dollars a document's field names cannot.
     */
    private List<FeatureStat> features = new ArrayList<>();
    private int limitsHit;
    private List<Instant> limitHits = new ArrayList<>();
    private int cancelPageViews;
    private List<Instant> cancelViews = new ArrayList<>();
    private int downgradeIntentViews;
    private List<Instant> downgradeViews = new ArrayList<>();
    private List<Ticket> tickets = new ArrayList<>();
    private Integer latestNps;
    private boolean championLeft;
    private Integer seats;
    private int seatsTrend;
    private int openPaymentFailures;
    private String recovery;
    private boolean cardExpiring;
    private int messagesReceived;
    private Instant lastMessageAt;
    private int conversions;
    private List<String> requestedFeatures = new ArrayList<>();
    private int requestedFeaturesReleased;
    /** Low-cardinality customer attributes from customer.updated (strings, numbers, booleans). */
    private List<Attribute> attributes = new ArrayList<>();

    /** When this profile next needs a look without an event (dormancy or a time-driven signal); null: none. */
    private Instant nextLookAt;

    private LifecycleStage stage;
    private Instant stageSince;
    private CancelReason cancelReason;
    private String cancelComment;
    private Instant cancelledAt;

    private int riskScore;
    private RiskTier riskTier = RiskTier.LOW;
    private List<RiskReason> riskReasons = new ArrayList<>();

    /** The model features as they stood just before the customer's latest cancellation, and the weights' score then. */
    private List<NamedValue> featuresBeforeCancel;
    private Integer scoreBeforeCancel;

    /** The customer's MRR over time (event time), for period figures; the most recent {@value #REVENUE_POINTS} changes. */
    private List<RevenuePoint> revenue = new ArrayList<>();
    /** Activity per day (epoch days, UTC), ascending, the last {@value #ACTIVITY_DAYS} days before the latest. */
    private List<DayActivity> activity = new ArrayList<>();

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

    /** From {@code at} on, the customer pays {@code mrr} (minor units of the profile's currency; 0: not paying). */
    public record RevenuePoint(Instant at, long mrr) {}

    /** Sessions and feature uses on one day. */
    public record DayActivity(long day, int count) {}

    /** One feature's uses and when it was first used. */
    public record FeatureStat(String name, int count, Instant firstUsedAt) {}

    /** A customer attribute: a string of at most 64 characters, a number or a boolean. */
    public record Attribute(String key, Object value) {}

    /** A named model input. */
    public record NamedValue(String name, double value) {}

    /** An open support ticket: when it was opened and since when it waits for the team (null: answered). */
    public record Ticket(String id, Instant openedAt, Instant waitingSince) {}

    /** Folds one event into the signals, at the event's own time. */
    public void apply(EventType type, EventData data, Instant at) {
        seenAt(at);
        if (type.topic().equals(dev.rebound.contracts.Topics.USAGE)) {
            lastUsageAt = latest(lastUsageAt, at);
        }
        recordRevenue(data, at);
        switch (data) {
            case CustomerSignedUp d -> signedUp(d, at);
            case CustomerUpdated d -> updated(d);
            case SubscriptionTrialStarted d -> trialStarted(d);
            case UsageSession d -> session(at);
            case UsageFeatureUsed d -> featureUsed(d, at);
            case UsageLimitReached d -> limitReached(at);
            case PageViewed d -> pageViewed(d, at);
            case SubscriptionStarted d -> subscribed(d.plan(), d.mrr(), d.currency());
            case SubscriptionChanged d -> subscriptionChanged(d);
            case SubscriptionCancelled d -> cancelled(d, at);
            case SubscriptionReactivated d -> reactivated(d);
            case SupportTicketActivity d -> ticket(type, d, at);
            case FeedbackNps d -> latestNps = d.score();
            case AccountChampionLeft d -> championLeft = true;
            case FeatureAnnouncement d -> featureAnnounced(type, d);
            case PaymentSucceeded d -> paid(d);
            case PaymentFailed d -> paymentFailed();
            case PaymentMethodInfo d -> cardExpiring = type == EventType.PAYMENT_METHOD_EXPIRING;
            case RecoverySucceeded d -> recovered("recovered");
            case RecoveryPaidElsewhere d -> recovered("paid_elsewhere");
            case RecoveryExhausted d -> recovery = "exhausted";
            case RecoveryRetryScheduled d -> recovery = "retrying";
            case RecoveryCardUpdateRequested d -> recovery = "card_update_requested";
            case RecoveryAuthenticationRequested d -> recovery = "authentication_requested";
            case CampaignMessageSent d -> messageReceived(at);
            case CampaignConverted d -> conversions++;
            default -> {
                // recovery.attempted and the scoring topic's own events carry nothing for the profile
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
            case UsageSession d -> activeOn(at, 1);
            case UsageFeatureUsed d -> activeOn(at, Math.max(1, d.count()));
            case UsageLimitReached d -> activeOn(at, 1);
            case PageViewed d when isProductPage(d.page()) -> activeOn(at, 1);
            default -> {
                // no revenue or activity
            }
        }
    }

    /** Cancel, pricing and downgrade pages are intent, not use of the product. */
    private static boolean isProductPage(String page) {
        return !CANCEL_PAGES.contains(page) && !DOWNGRADE_PAGES.contains(page);
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

    private void activeOn(Instant at, int count) {
        long day = epochDay(at);
        int i = Collections.binarySearch(activity, new DayActivity(day, 0), BY_DAY);
        if (i >= 0) {
            DayActivity d = activity.get(i);
            activity.set(i, new DayActivity(day, (int) Math.min(Integer.MAX_VALUE, (long) d.count() + count)));
        } else {
            activity.add(-i - 1, new DayActivity(day, count));
        }
        long oldest = activity.getLast().day() - ACTIVITY_DAYS;
        while (activity.getFirst().day() < oldest) {
            activity.removeFirst();
        }
    }

    private static final Comparator<DayActivity> BY_DAY = Comparator.comparingLong(DayActivity::day);

    static long epochDay(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 86_400L);
    }

    /** Sessions and feature uses in the {@code days} days up to and including the day of {@code asOf}. */
    public long activityInLast(int days, Instant asOf) {
        long last = epochDay(asOf);
        return activityBetween(last - days + 1, last);
    }

    /** Sessions and feature uses from epoch day {@code from} to {@code to}, both included. */
    public long activityBetween(long from, long to) {
        long sum = 0;
        for (DayActivity d : activity) {
            if (d.day() >= from && d.day() <= to) {
                sum += d.count();
            }
        }
        return sum;
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
        return Collections.binarySearch(activity, new DayActivity(epochDay, 0), BY_DAY) >= 0;
    }

    private void seenAt(Instant at) {
        if (firstSeenAt == null || at.isBefore(firstSeenAt)) {
            firstSeenAt = at;
        }
        lastEventAt = latest(lastEventAt, at);
    }

    private void signedUp(CustomerSignedUp d, Instant at) {
        plan = d.plan();
        mrr = d.mrr();
        currency = d.currency();
        trialEndsAt = d.trialEndsAt();
        signedUpAt = at;
    }

    private void updated(CustomerUpdated d) {
        if (d.attributes() == null) {
            return;
        }
        d.attributes().forEach((key, value) -> {
            attributes.removeIf(a -> a.key().equals(key));
            Object kept = switch (value) {
                case String s when s.length() <= 64 -> s;
                case Number n -> n.doubleValue();
                case Boolean b -> b;
                case null, default -> null; // long texts and nested values are not customer attributes; null removes
            };
            if (kept != null && key.length() <= 64 && attributes.size() < MAX_ATTRIBUTES) {
                attributes.add(new Attribute(key, kept));
            }
        });
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
        int count = Math.max(1, d.count());
        int i = 0;
        while (i < features.size() && !features.get(i).name().equals(d.feature())) {
            i++;
        }
        if (i < features.size()) {
            FeatureStat f = features.get(i);
            features.set(i, new FeatureStat(f.name(), (int) Math.min(Integer.MAX_VALUE, (long) f.count() + count),
                    at.isBefore(f.firstUsedAt()) ? at : f.firstUsedAt()));
        } else if (features.size() < MAX_FEATURES) {
            features.add(new FeatureStat(d.feature(), count, at));
        }
        engagement += count;
        lastActiveAt = latest(lastActiveAt, at);
    }

    private void limitReached(Instant at) {
        limitsHit++;
        addRecent(limitHits, at);
        lastActiveAt = latest(lastActiveAt, at);
    }

    private void pageViewed(PageViewed d, Instant at) {
        if (CANCEL_PAGES.contains(d.page())) {
            cancelPageViews++;
            addRecent(cancelViews, at);
        } else if (DOWNGRADE_PAGES.contains(d.page())) {
            downgradeIntentViews++;
            addRecent(downgradeViews, at);
        } else {
            lastActiveAt = latest(lastActiveAt, at);
        }
    }

    /** Keeps the most recent {@value #INTENT_VIEWS} times, ascending. */
    private static void addRecent(List<Instant> times, Instant at) {
        int i = times.size();
        while (i > 0 && times.get(i - 1).isAfter(at)) {
            i--;
        }
        times.add(i, at);
        if (times.size() > INTENT_VIEWS) {
            times.removeFirst();
        }
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
        if (d.seatsAfter() != null) {
            seats = d.seatsAfter();
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

    private void ticket(EventType type, SupportTicketActivity d, Instant at) {
        int i = ticketIndex(d.ticketId());
        switch (type) {
            case SUPPORT_TICKET_OPENED -> {
                if (i < 0) {
                    tickets.add(new Ticket(d.ticketId(), at, at));
                    if (tickets.size() > MAX_TICKETS) {
                        tickets.removeFirst();
                    }
                }
            }
            case SUPPORT_TICKET_REPLIED -> {
                if (i >= 0) {
                    Ticket t = tickets.get(i);
                    boolean customer = "customer".equals(d.by());
                    Instant waiting = customer ? (t.waitingSince() != null ? t.waitingSince() : at) : null;
                    tickets.set(i, new Ticket(t.id(), t.openedAt(), waiting));
                }
            }
            default -> {
                if (i >= 0) {
                    tickets.remove(i);
                }
            }
        }
    }

    private int ticketIndex(String ticketId) {
        for (int i = 0; i < tickets.size(); i++) {
            if (tickets.get(i).id().equals(ticketId)) {
                return i;
            }
        }
        return -1;
    }

    private void featureAnnounced(EventType type, FeatureAnnouncement d) {
        if (type == EventType.FEATURE_REQUESTED) {
            if (!requestedFeatures.contains(d.feature()) && requestedFeatures.size() < MAX_REQUESTS) {
                requestedFeatures.add(d.feature());
            }
        } else if (requestedFeatures.remove(d.feature())) {
            requestedFeaturesReleased++;
        }
    }

    private void paid(PaymentSucceeded d) {
        lifetimeValue += d.amount();
        payments++;
        averageOrderValue = lifetimeValue / payments;
        openPaymentFailures = 0;
        if (recovery != null && !"exhausted".equals(recovery)) {
            recovery = "recovered";
        }
    }

    private void paymentFailed() {
        openPaymentFailures++;
    }

    private void recovered(String how) {
        openPaymentFailures = 0;
        recovery = how;
    }

    private void messageReceived(Instant at) {
        messagesReceived++;
        lastMessageAt = latest(lastMessageAt, at);
    }

    /** Keeps what the model may learn from: the features just before a cancellation, and the weights' score then. */
    public void rememberBeforeCancel(Map<String, Double> features, int weightsScore) {
        featuresBeforeCancel = features.entrySet().stream().map(e -> new NamedValue(e.getKey(), e.getValue())).toList();
        scoreBeforeCancel = weightsScore;
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

    /** When a silence makes this customer dormant: {@code dormantAfter} past its last sign of life; null: never. */
    public Instant dormantFrom(Duration dormantAfter) {
        return canGoDormant() && lastSignOfLife() != null ? lastSignOfLife().plus(dormantAfter) : null;
    }

    /** Sets when this profile next needs a look: the earlier of its dormancy and {@code refreshAt} (either may be null). */
    public void scheduleLook(Duration dormantAfter, Instant refreshAt) {
        Instant dormant = dormantFrom(dormantAfter);
        nextLookAt = dormant == null ? refreshAt : refreshAt == null || dormant.isBefore(refreshAt) ? dormant : refreshAt;
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

    public String writeId() { return writeId; }

    public void writtenBy(String writeId) { this.writeId = writeId; }

    public String id() { return id; }
    public String tenantId() { return tenantId; }
    public String customerId() { return customerId; }
    public String plan() { return plan; }
    public long mrr() { return mrr; }
    public String currency() { return currency; }
    /** When the customer signed up (the sign-up event), else when it was first seen. */
    public Instant signedUpAt() { return signedUpAt != null ? signedUpAt : firstSeenAt; }
    public Instant firstSeenAt() { return firstSeenAt; }
    public Instant lastActiveAt() { return lastActiveAt; }
    public long lifetimeValue() { return lifetimeValue; }
    public int payments() { return payments; }
    public int sessions() { return sessions; }
    public Map<String, Integer> featureUse() {
        Map<String, Integer> use = new LinkedHashMap<>();
        features.forEach(f -> use.put(f.name(), f.count()));
        return use;
    }
    public Map<String, Instant> featureFirstUsedAt() {
        Map<String, Instant> first = new LinkedHashMap<>();
        features.forEach(f -> first.put(f.name(), f.firstUsedAt()));
        return first;
    }
    public int limitsHit() { return limitsHit; }
    public List<Instant> recentLimitHits() { return List.copyOf(limitHits); }
    public int cancelPageViews() { return cancelPageViews; }
    public List<Instant> recentCancelPageViews() { return List.copyOf(cancelViews); }
    public Instant lastCancelPageViewAt() { return cancelViews.isEmpty() ? null : cancelViews.getLast(); }
    public int downgradeIntentViews() { return downgradeIntentViews; }
    public List<Instant> recentDowngradeViews() { return List.copyOf(downgradeViews); }
    public Integer seats() { return seats; }
    public int seatsTrend() { return seatsTrend; }
    public Instant lastEventAt() { return lastEventAt; }

    /**
     * The customer's latest usage event's time (their usage is complete up to there, while their billing events may be
     * consumed ahead of it), or their latest event's while they have no usage.
     */
    public Instant assessedAsOf() { return lastUsageAt != null ? lastUsageAt : lastEventAt; }
    public Instant trialEndsAt() { return trialEndsAt; }
    public List<Ticket> tickets() { return List.copyOf(tickets); }
    public int openTickets() { return tickets.size(); }
    public int unansweredTickets() { return (int) tickets.stream().filter(t -> t.waitingSince() != null).count(); }
    /** Since when the longest-waiting open ticket waits for an answer, or null. */
    public Instant oldestUnansweredSince() {
        return tickets.stream().map(Ticket::waitingSince).filter(java.util.Objects::nonNull).min(Comparator.naturalOrder())
                .orElse(null);
    }
    public Integer latestNps() { return latestNps; }
    public boolean championLeft() { return championLeft; }
    public int openPaymentFailures() { return openPaymentFailures; }
    /** Billing-recovery's latest word on a failed payment (retrying, recovered, paid_elsewhere, exhausted, ...), or null. */
    public String recovery() { return recovery; }
    public boolean cardExpiring() { return cardExpiring; }
    public int messagesReceived() { return messagesReceived; }
    public Instant lastMessageAt() { return lastMessageAt; }
    public int conversions() { return conversions; }
    public List<String> requestedFeatures() { return List.copyOf(requestedFeatures); }
    public int requestedFeaturesReleased() { return requestedFeaturesReleased; }
    public Map<String, Object> attributes() {
        Map<String, Object> map = new LinkedHashMap<>();
        attributes.forEach(a -> map.put(a.key(), a.value()));
        return map;
    }
    public LifecycleStage stage() { return stage; }
    public Instant stageSince() { return stageSince; }
    public CancelReason cancelReason() { return cancelReason; }
    public String cancelComment() { return cancelComment; }
    public Instant cancelledAt() { return cancelledAt; }
    public int riskScore() { return riskScore; }
    public RiskTier riskTier() { return riskTier; }
    public List<RiskReason> riskReasons() { return List.copyOf(riskReasons); }
    public Map<String, Double> featuresBeforeCancel() {
        if (featuresBeforeCancel == null) {
            return null;
        }
        Map<String, Double> map = new LinkedHashMap<>();
        featuresBeforeCancel.forEach(v -> map.put(v.name(), v.value()));
        return map;
    }
    public Integer scoreBeforeCancel() { return scoreBeforeCancel; }
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
}

package dev.rebound.platform.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A simulated SaaS customer base: every customer follows one persona, written as the catalog events a product and a
 * billing system would send. {@link #history()} is the past (the last month, in event time), {@link #live()} what
 * happens after the replay reached the present (offsets from then). The same seed gives the same customers, ids and
 * stories, so the README's tour can name them; their times are relative to {@code now}.
 */
public final class DemoCustomerBase {

    /** The product's key features (the demo declares them in scoring's config). */
    public static final List<String> KEY_FEATURES = List.of("reports", "dashboards", "integrations", "alerts");
    /** How far back the history reaches. */
    public static final Duration HISTORY = Duration.ofDays(32);

    /** Who a customer is, and how many of a hundred customers are like that. */
    public enum Persona {
        STEADY("steady", 34, "uses the product every day or two, pays every month: stays LOW"),
        DECLINING("declining", 10, "daily use fell to every third day two weeks ago, then viewed the cancel page: HIGH or CRITICAL"),
        TRIAL("trial", 7, "a trial that never used a key feature, ending within days: flagged during onboarding"),
        CONVERTING("converting", 6, "an active trial ending within days that starts paying after its reminder"),
        PRICE("price", 6, "looked at pricing and cancelled for the price: CHURNED, a win-back with a discount"),
        DORMANT("dormant", 8, "silent for two to four weeks: DORMANT without an event, a digest of what shipped"),
        CARD("card", 7, "card expiring; some cards then decline as expired and are updated: pre-dunning, recovery"),
        FUNDS("funds", 8, "a renewal declined for insufficient funds or a processing error: retried and recovered"),
        REACTIVATING("reactivating", 5, "cancelled a week ago and comes back during the demo: a win-back conversion"),
        SUPPORT("support", 9, "open tickets, an NPS of 2-5, asked for SSO, which ships during the demo");

        final String id;
        final int share;
        final String story;

        Persona(String id, int share, String story) {
            this.id = id;
            this.share = share;
            this.story = story;
        }

        public String id() {
            return id;
        }

        public String story() {
            return story;
        }
    }

    /** One catalog event: type, subject (the customer) and data; {@code time} null for live events (sent "now"). */
    public record DemoEvent(Instant time, String type, String customer, Map<String, Object> data) {}

    /** An event of the live phase, {@code after} the replay reached the present. */
    public record LiveEvent(Duration after, DemoEvent event) {}

    private static final String[][] PLANS = {{"starter", "1900"}, {"pro", "4900"}, {"business", "19900"}};
    private static final String[] ZONES = {"America/New_York", "America/Los_Angeles", "Europe/Berlin", "Europe/London",
            "Asia/Seoul", "Australia/Sydney", "America/Sao_Paulo", "Asia/Kolkata"};

    private final Instant now;
    private final Random random;
    private final List<DemoEvent> history = new ArrayList<>();
    private final List<LiveEvent> live = new ArrayList<>();
    private final Map<Persona, List<String>> customers = new EnumMap<>(Persona.class);
    private final List<String> invoices = new ArrayList<>();

    private DemoCustomerBase(Instant now, long seed) {
        this.now = now;
        this.random = new Random(seed);
    }

    /** {@code size} customers (at least one of each persona), their stories ending at {@code now}. */
    public static DemoCustomerBase generate(int size, Instant now, long seed) {
        DemoCustomerBase base = new DemoCustomerBase(now, seed);
        int total = 0;
        for (Persona p : Persona.values()) {
            total += p.share;
        }
        for (Persona persona : Persona.values()) {
            int count = Math.max(1, size * persona.share / total);
            for (int i = 1; i <= count; i++) {
                base.write(persona, "cus_%s_%04d".formatted(persona.id, i));
            }
        }
        base.history.sort(Comparator.comparing(DemoEvent::time));
        base.live.sort(Comparator.comparing(LiveEvent::after));
        return base;
    }

    public List<DemoEvent> history() {
        return history;
    }

    public List<LiveEvent> live() {
        return live;
    }

    /** The customers of one persona, in id order. */
    public List<String> customers(Persona persona) {
        return customers.getOrDefault(persona, List.of());
    }

    /** Every invoice that failed in the history. */
    public List<String> invoices() {
        return invoices;
    }

    public int size() {
        return customers.values().stream().mapToInt(List::size).sum();
    }

    private void write(Persona persona, String customer) {
        customers.computeIfAbsent(persona, p -> new ArrayList<>()).add(customer);
        String[] plan = PLANS[random.nextInt(PLANS.length)];
        String currency = random.nextInt(10) == 0 ? "EUR" : "USD";
        long mrr = Long.parseLong(plan[1]);
        switch (persona) {
            case STEADY -> {
                Instant signup = daysAgo(20 + random.nextInt(12));
                signUp(customer, signup, plan[0], mrr, currency, null);
                activity(customer, signup, now.minus(hours(2 + random.nextInt(20))), 1 + random.nextInt(2), true);
                payments(customer, signup, mrr, currency);
                if (random.nextInt(4) == 0) {
                    at(daysAgo(random.nextInt(10)), "feedback.nps", customer, Map.of("score", 9 + random.nextInt(2)));
                }
            }
            case DECLINING -> {
                Instant signup = daysAgo(25 + random.nextInt(7));
                signUp(customer, signup, plan[0], mrr, currency, null);
                activity(customer, signup, daysAgo(14), 1, true);
                activity(customer, daysAgo(14), daysAgo(1), 3, false);
                payments(customer, signup, mrr, currency);
                at(daysAgo(3), "page.viewed", customer, Map.of("page", "pricing"));
                Instant cancelView = now.minus(hours(3 + random.nextInt(30)));
                at(cancelView, "page.viewed", customer, Map.of("page", "cancel"));
                at(cancelView.plus(Duration.ofMinutes(5)), "page.viewed", customer, Map.of("page", "cancel"));
                if (random.nextInt(3) == 0) {
                    // a third of them come back during the demo: the at-risk outreach's conversion (risk lowered)
                    for (int s = 0; s < 6; s++) {
                        live(Duration.ofSeconds(20 + random.nextInt(60) + s * 5L), "usage.session", customer,
                                Map.of("durationSeconds", 900));
                    }
                }
            }
            case TRIAL, CONVERTING -> {
                Instant ends = now.plus(hours(6 + random.nextInt(60)));
                Instant signup = ends.minus(Duration.ofDays(14));
                signUp(customer, signup, plan[0], 0, currency, ends);
                if (persona == Persona.TRIAL) {
                    at(signup.plus(hours(1)), "usage.session", customer, Map.of("durationSeconds", 60));
                } else {
                    activity(customer, signup, now.minus(hours(3)), 1, true);
                    live(Duration.ofSeconds(25 + random.nextInt(60)), "subscription.started", customer,
                            Map.of("plan", plan[0], "mrr", mrr, "currency", currency));
                }
            }
            case PRICE -> {
                Instant signup = daysAgo(25 + random.nextInt(7));
                signUp(customer, signup, plan[0], mrr, currency, null);
                Instant cancelled = daysAgo(1 + random.nextInt(3));
                activity(customer, signup, cancelled, 2, true);
                payments(customer, signup, mrr, currency);
                at(cancelled.minus(hours(20)), "page.viewed", customer, Map.of("page", "pricing"));
                at(cancelled.minus(hours(2)), "page.viewed", customer, Map.of("page", "pricing"));
                at(cancelled, "subscription.cancelled", customer, Map.of("reason", "price",
                        "comment", "too expensive for what we use", "voluntary", true));
            }
            case DORMANT -> {
                Instant signup = daysAgo(28 + random.nextInt(4));
                signUp(customer, signup, plan[0], mrr, currency, null);
                activity(customer, signup, daysAgo(12 + random.nextInt(10)), 1, true);
                payments(customer, signup, mrr, currency);
            }
            case CARD -> {
                Instant signup = daysAgo(25 + random.nextInt(7));
                signUp(customer, signup, plan[0], mrr, currency, null);
                activity(customer, signup, now.minus(hours(4 + random.nextInt(20))), 2, true);
                payments(customer, signup, mrr, currency);
                var month = now.atOffset(ZoneOffset.UTC);
                String card = "pm_" + customer;
                at(daysAgo(3 + random.nextInt(5)), "payment_method.expiring", customer, Map.of("paymentMethodId", card,
                        "expMonth", month.getMonthValue(), "expYear", month.getYear()));
                if (random.nextBoolean()) {
                    String invoice = failed(customer, daysAgo(1).minus(hours(random.nextInt(12))), mrr, currency,
                            "expired_card", card);
                    if (random.nextInt(5) < 3) {
                        live(Duration.ofSeconds(15 + random.nextInt(75)), "payment_method.updated", customer,
                                Map.of("paymentMethodId", "pm_card_visa", "expMonth", 12, "expYear", month.getYear() + 3));
                    }
                    invoices.add(invoice);
                }
            }
            case FUNDS -> {
                Instant signup = daysAgo(25 + random.nextInt(7));
                signUp(customer, signup, plan[0], mrr, currency, null);
                activity(customer, signup, now.minus(hours(4 + random.nextInt(20))), 2, true);
                payments(customer, signup, mrr, currency);
                boolean processing = random.nextInt(3) == 0;
                // most cards pay on the retry; the rest keep declining and stay in recovery
                String card = random.nextInt(5) < 3 ? "pm_card_visa" : "pm_card_chargeDeclinedInsufficientFunds";
                invoices.add(failed(customer, daysAgo(2 + random.nextInt(6)), mrr, currency,
                        processing ? "processing_error" : "insufficient_funds", card));
            }
            case REACTIVATING -> {
                Instant signup = daysAgo(25 + random.nextInt(7));
                signUp(customer, signup, plan[0], mrr, currency, null);
                Instant cancelled = daysAgo(5 + random.nextInt(5));
                activity(customer, signup, cancelled, 2, true);
                payments(customer, signup, mrr, currency);
                at(cancelled, "subscription.cancelled", customer, Map.of("reason",
                        random.nextBoolean() ? "unused" : "technical", "voluntary", true));
                Duration back = Duration.ofSeconds(30 + random.nextInt(60));
                live(back, "subscription.reactivated", customer, Map.of("plan", plan[0], "mrr", mrr, "currency", currency));
                live(back.plusSeconds(2), "usage.session", customer, Map.of("durationSeconds", 1200));
            }
            case SUPPORT -> {
                Instant signup = daysAgo(25 + random.nextInt(7));
                signUp(customer, signup, plan[0], mrr, currency, null);
                activity(customer, signup, now.minus(hours(4 + random.nextInt(20))), 2, true);
                payments(customer, signup, mrr, currency);
                int tickets = 2 + random.nextInt(3);
                for (int t = 0; t < tickets; t++) {
                    Instant opened = daysAgo(1 + random.nextInt(10));
                    String ticket = "t_" + customer + "_" + t;
                    at(opened, "support.ticket_opened", customer, Map.of("ticketId", ticket, "priority",
                            t == 0 ? "high" : "normal", "by", "customer"));
                    if (t % 2 == 1) {
                        at(opened.plus(hours(5)), "support.ticket_replied", customer, Map.of("ticketId", ticket,
                                "by", "agent"));
                        at(opened.plus(hours(30)), "support.ticket_closed", customer, Map.of("ticketId", ticket,
                                "by", "agent"));
                    }
                }
                at(daysAgo(2), "feedback.nps", customer, Map.of("score", 2 + random.nextInt(4),
                        "comment", "we need single sign-on, and support is slow"));
                at(daysAgo(4), "feature.requested", customer, Map.of("feature", "sso",
                        "description", "Single sign-on with SAML"));
            }
        }
    }

    private void signUp(String customer, Instant at, String plan, long mrr, String currency, Instant trialEndsAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("plan", plan);
        data.put("mrr", mrr);
        data.put("currency", currency);
        data.put("email", customer + "@example.com");
        data.put("locale", random.nextInt(8) == 0 ? "ko" : "en");
        data.put("timezone", ZONES[random.nextInt(ZONES.length)]);
        if (trialEndsAt != null) {
            data.put("trialEndsAt", trialEndsAt.toString());
        }
        at(at, "customer.signed_up", customer, data);
        at(at.plus(Duration.ofMinutes(1)), "customer.updated", customer, Map.of("attributes",
                Map.of("industry", random.nextBoolean() ? "software" : "retail", "employees", 5 + random.nextInt(200))));
    }

    /** A session every {@code everyDays} days (roughly), key features used on some of them. */
    private void activity(String customer, Instant from, Instant until, int everyDays, boolean features) {
        for (Instant t = from.plus(hours(2 + random.nextInt(6))); t.isBefore(until);
             t = t.plus(Duration.ofDays(everyDays)).plus(Duration.ofMinutes(random.nextInt(240) - 120))) {
            at(t, "usage.session", customer, Map.of("durationSeconds", 120 + random.nextInt(1800)));
            if (features && random.nextInt(3) == 0) {
                at(t.plus(Duration.ofMinutes(3)), "usage.feature_used", customer, Map.of("feature",
                        KEY_FEATURES.get(random.nextInt(KEY_FEATURES.size())), "count", 1 + random.nextInt(5)));
            }
        }
    }

    /** A monthly renewal on the sign-up's day of month, while it is in the past. */
    private void payments(String customer, Instant signup, long mrr, String currency) {
        int month = 0;
        for (Instant t = signup; t.isBefore(now); t = t.plus(Duration.ofDays(30))) {
            at(t.plus(Duration.ofMinutes(2)), "payment.succeeded", customer, Map.of("invoiceId",
                    "in_" + customer + "_" + month++, "amount", mrr, "currency", currency));
        }
    }

    private String failed(String customer, Instant at, long amount, String currency, String declineCode, String card) {
        String invoice = "in_" + customer + "_failed";
        at(at, "payment.failed", customer, Map.of("invoiceId", invoice, "amount", amount, "currency", currency,
                "declineCode", declineCode, "paymentMethodId", card, "attempt", 1));
        return invoice;
    }

    private void at(Instant time, String type, String customer, Map<String, Object> data) {
        if (time.isAfter(now)) {
            return;
        }
        history.add(new DemoEvent(time, type, customer, data));
    }

    private void live(Duration after, String type, String customer, Map<String, Object> data) {
        live.add(new LiveEvent(after, new DemoEvent(null, type, customer, data)));
    }

    private Instant daysAgo(int days) {
        return now.minus(Duration.ofDays(days)).minus(Duration.ofMinutes(random.nextInt(600)));
    }

    private static Duration hours(int hours) {
        return Duration.ofHours(hours);
    }
}

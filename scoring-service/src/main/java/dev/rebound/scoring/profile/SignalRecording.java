package dev.rebound.scoring.profile;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.data.*;

import java.time.Instant;
import java.util.Set;

/** Folds one event into the profile's signals, using the event's own time. */
final class SignalRecording {

    private static final Set<String> DOWNGRADE_PAGES = Set.of("pricing", "downgrade", "plans");

    private SignalRecording() {
    }

    static void record(CustomerProfile p, CloudEvent event) {
        Instant at = event.time();
        if (p.firstSeenAt == null || at.isBefore(p.firstSeenAt)) {
            p.firstSeenAt = at;
        }
        if (p.lastEventAt == null || at.isAfter(p.lastEventAt)) {
            p.lastEventAt = at;
        }
        switch (event.eventType()) {
            case CUSTOMER_SIGNED_UP -> {
                CustomerSignedUp d = EventJson.data(event, CustomerSignedUp.class);
                p.plan = d.plan();
                p.mrr = d.mrr();
                p.currency = d.currency();
                p.trialEndsAt = d.trialEndsAt();
            }
            case SUBSCRIPTION_TRIAL_STARTED -> {
                SubscriptionTrialStarted d = EventJson.data(event, SubscriptionTrialStarted.class);
                p.plan = d.plan();
                p.trialEndsAt = d.trialEndsAt();
            }
            case USAGE_SESSION -> {
                p.sessions++;
                active(p, at);
            }
            case USAGE_FEATURE_USED -> {
                UsageFeatureUsed d = EventJson.data(event, UsageFeatureUsed.class);
                p.featureUse.merge(d.feature(), Math.max(1, d.count()), Integer::sum);
                active(p, at);
            }
            case USAGE_LIMIT_REACHED -> {
                p.limitsHit++;
                active(p, at);
            }
            case PAGE_VIEWED -> {
                String page = EventJson.data(event, PageViewed.class).page();
                if ("cancel".equals(page)) {
                    p.cancelPageViews++;
                    p.lastCancelPageViewAt = latest(p.lastCancelPageViewAt, at);
                } else if (DOWNGRADE_PAGES.contains(page)) {
                    p.downgradeIntentViews++;
                }
                active(p, at);
            }
            case SUBSCRIPTION_STARTED -> {
                SubscriptionStarted d = EventJson.data(event, SubscriptionStarted.class);
                p.plan = d.plan();
                p.mrr = d.mrr();
                p.currency = d.currency();
                p.trialEndsAt = null;
            }
            case SUBSCRIPTION_CHANGED -> {
                SubscriptionChanged d = EventJson.data(event, SubscriptionChanged.class);
                p.plan = d.toPlan() != null ? d.toPlan() : p.plan;
                p.mrr = d.mrrAfter();
                p.currency = d.currency();
                if (d.seatsBefore() != null && d.seatsAfter() != null) {
                    p.seatsTrend += Integer.compare(d.seatsAfter(), d.seatsBefore());
                }
            }
            case SUBSCRIPTION_CANCELLED -> {
                SubscriptionCancelled d = EventJson.data(event, SubscriptionCancelled.class);
                p.cancelReason = d.reason();
                p.cancelComment = d.comment();
                p.cancelledAt = d.effectiveAt() != null ? d.effectiveAt() : at;
            }
            case SUBSCRIPTION_REACTIVATED -> {
                SubscriptionReactivated d = EventJson.data(event, SubscriptionReactivated.class);
                p.plan = d.plan();
                p.mrr = d.mrr();
                p.currency = d.currency();
                p.cancelReason = null;
                p.cancelComment = null;
                p.cancelledAt = null;
            }
            case SUPPORT_TICKET_OPENED -> {
                String ticket = EventJson.data(event, SupportTicketActivity.class).ticketId();
                addOnce(p.openTickets, ticket);
                addOnce(p.unansweredTickets, ticket);
            }
            case SUPPORT_TICKET_REPLIED -> {
                SupportTicketActivity d = EventJson.data(event, SupportTicketActivity.class);
                if ("customer".equals(d.by())) {
                    addOnce(p.unansweredTickets, d.ticketId());
                } else {
                    p.unansweredTickets.remove(d.ticketId());
                }
            }
            case SUPPORT_TICKET_CLOSED -> {
                String ticket = EventJson.data(event, SupportTicketActivity.class).ticketId();
                p.openTickets.remove(ticket);
                p.unansweredTickets.remove(ticket);
            }
            case FEEDBACK_NPS -> p.latestNps = EventJson.data(event, FeedbackNps.class).score();
            case ACCOUNT_CHAMPION_LEFT -> p.championLeft = true;
            case PAYMENT_SUCCEEDED -> {
                p.lifetimeValue += EventJson.data(event, PaymentSucceeded.class).amount();
                p.payments++;
                p.openPaymentFailures = 0;
            }
            case PAYMENT_FAILED -> p.openPaymentFailures++;
            default -> {
                // the other catalog types carry no scoring signal yet
            }
        }
    }

    private static void active(CustomerProfile p, Instant at) {
        p.lastActiveAt = latest(p.lastActiveAt, at);
    }

    private static Instant latest(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }

    private static void addOnce(java.util.List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}

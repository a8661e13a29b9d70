package dev.rebound.scoring.profile;

import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.*;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Each signal {@link CustomerProfile#apply} records, at the event's own time, without Spring. */
class CustomerProfileTest {

    private static final Instant T1 = Instant.parse("2026-10-01T09:00:00Z");
    private static final Instant T2 = Instant.parse("2026-10-02T09:00:00Z");

    private final CustomerProfile profile = CustomerProfile.start("acme", "cus_1");

    @Test
    void signUpSetsPlanMoneyAndTrial() {
        profile.apply(EventType.CUSTOMER_SIGNED_UP, new CustomerSignedUp("pro", 59000, "KRW", "a@x.io", "ko",
                "Asia/Seoul", T2), T1);
        assertThat(profile.plan()).isEqualTo("pro");
        assertThat(profile.mrr()).isEqualTo(59000);
        assertThat(profile.currency()).isEqualTo("KRW");
        assertThat(profile.trialingAt(T1)).isTrue();
        assertThat(profile.trialingAt(T2)).isFalse();
    }

    @Test
    void activityMovesLastActiveByEventTimeNotArrivalOrder() {
        profile.apply(EventType.USAGE_SESSION, new UsageSession(60L), T2);
        profile.apply(EventType.USAGE_FEATURE_USED, new UsageFeatureUsed("export", 3), T1);
        profile.apply(EventType.USAGE_LIMIT_REACHED, new UsageLimitReached("seats"), T1);
        assertThat(profile.sessions()).isEqualTo(1);
        assertThat(profile.featureUse()).containsEntry("export", 3);
        assertThat(profile.limitsHit()).isEqualTo(1);
        assertThat(profile.lastActiveAt()).isEqualTo(T2);
        assertThat(profile.firstSeenAt()).isEqualTo(T1);
    }

    @Test
    void cancelAndPricingPagesAreIntentSignals() {
        profile.apply(EventType.PAGE_VIEWED, new PageViewed("cancel"), T1);
        profile.apply(EventType.PAGE_VIEWED, new PageViewed("pricing"), T2);
        profile.apply(EventType.PAGE_VIEWED, new PageViewed("docs"), T2);
        assertThat(profile.cancelPageViews()).isEqualTo(1);
        assertThat(profile.lastCancelPageViewAt()).isEqualTo(T1);
        assertThat(profile.downgradeIntentViews()).isEqualTo(1);
    }

    @Test
    void ticketsAreUnansweredUntilTheTeamRepliesAndOpenUntilClosed() {
        profile.apply(EventType.SUPPORT_TICKET_OPENED, new SupportTicketActivity("t1", "high", "customer"), T1);
        assertThat(profile.unansweredTickets()).isEqualTo(1);
        profile.apply(EventType.SUPPORT_TICKET_REPLIED, new SupportTicketActivity("t1", null, "agent"), T1);
        assertThat(profile.unansweredTickets()).isZero();
        assertThat(profile.openTickets()).isEqualTo(1);
        profile.apply(EventType.SUPPORT_TICKET_REPLIED, new SupportTicketActivity("t1", null, "customer"), T2);
        assertThat(profile.unansweredTickets()).isEqualTo(1);
        profile.apply(EventType.SUPPORT_TICKET_CLOSED, new SupportTicketActivity("t1", null, "agent"), T2);
        assertThat(profile.openTickets()).isZero();
        assertThat(profile.unansweredTickets()).isZero();
    }

    @Test
    void paymentsBuildLifetimeValueAndASuccessClearsFailures() {
        profile.apply(EventType.PAYMENT_FAILED, new PaymentFailed("in_1", 4900, "USD", "insufficient_funds", "pm", 1), T1);
        assertThat(profile.openPaymentFailures()).isEqualTo(1);
        profile.apply(EventType.PAYMENT_SUCCEEDED, new PaymentSucceeded("in_1", 4900, "USD"), T2);
        profile.apply(EventType.PAYMENT_SUCCEEDED, new PaymentSucceeded("in_2", 5100, "USD"), T2);
        assertThat(profile.openPaymentFailures()).isZero();
        assertThat(profile.lifetimeValue()).isEqualTo(10000);
        assertThat(profile.averageOrderValue()).isEqualTo(5000);
    }

    @Test
    void cancellationKeepsTheReasonAndReactivationForgetsIt() {
        profile.apply(EventType.SUBSCRIPTION_CANCELLED, new SubscriptionCancelled(CancelReason.PRICE, "too much",
                true, null), T1);
        assertThat(profile.cancelReason()).isEqualTo(CancelReason.PRICE);
        assertThat(profile.cancelledAt()).isEqualTo(T1);
        profile.apply(EventType.SUBSCRIPTION_REACTIVATED, new SubscriptionReactivated("basic", 1900, "USD"), T2);
        assertThat(profile.cancelReason()).isNull();
        assertThat(profile.plan()).isEqualTo("basic");
    }

    @Test
    void seatsNpsAndChampionAreRecorded() {
        profile.apply(EventType.SUBSCRIPTION_CHANGED, new SubscriptionChanged("pro", "pro", 5000, 4000, "USD", 10, 8), T1);
        profile.apply(EventType.FEEDBACK_NPS, new FeedbackNps(4, "slow"), T1);
        profile.apply(EventType.ACCOUNT_CHAMPION_LEFT, new AccountChampionLeft("cto@x.io"), T1);
        assertThat(profile.seatsTrend()).isEqualTo(-1);
        assertThat(profile.mrr()).isEqualTo(4000);
        assertThat(profile.latestNps()).isEqualTo(4);
        assertThat(profile.championLeft()).isTrue();
    }
}

package dev.rebound.campaign.infra.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param from              sender address of every email
 * @param publicUrl         where customers reach this service (unsubscribe links)
 * @param unsubscribeSecret signs unsubscribe links (at least 32 characters); no default anywhere: a service
 *                          without one refuses to start (the embedded platform generates one)
 * @param dispatchInterval  how often due messages are sent
 * @param sendLease         how long one instance holds a message it is sending
 * @param sendParallelism   how many messages one instance sends side by side (1-64)
 * @param contactWait       how long a message waits for the customer's address before it is skipped
 * @param emailRetryAfter   how long an email waits when the mail server was unreachable, doubling per failed attempt
 *                          (at most 15 minutes); other messages go on meanwhile
 * @param conversionWindow  how long after a message a conversion (e.g. the invoice it was about paid) is credited to it
 * @param winback           the win-back playbook
 * @param respect           the contact rules every playbook and channel obeys
 * @param csm               the customer-success team's alert webhook
 * @param sms               the SMS provider (Twilio's Messages API)
 * @param trial             the trial playbook
 * @param onboarding        the getting-started guide
 * @param dormant           the dormant reactivation mail
 */
@Validated
@ConfigurationProperties("rebound.campaign")
public record CampaignProperties(@NotBlank @DefaultValue("Rebound <noreply@rebound.local>") String from,
                                 @NotBlank @DefaultValue("http://localhost:8083") String publicUrl,
                                 @NotBlank @Size(min = 32, message = "must be at least 32 characters (set REBOUND_UNSUBSCRIBE_SECRET)") String unsubscribeSecret,
                                 @DefaultValue("1s") Duration dispatchInterval,
                                 @DefaultValue("2m") Duration sendLease,
                                 @Min(1) @Max(64) @DefaultValue("8") int sendParallelism,
                                 @DefaultValue("10m") Duration contactWait,
                                 @DefaultValue("30s") Duration emailRetryAfter,
                                 @DefaultValue("14d") Duration conversionWindow,
                                 @DefaultValue WinBack winback,
                                 @DefaultValue Respect respect,
                                 @DefaultValue Csm csm,
                                 @DefaultValue Sms sms,
                                 @DefaultValue Trial trial,
                                 @DefaultValue Onboarding onboarding,
                                 @DefaultValue Dormant dormant) {

    /**
     * @param delay            delay after the cancellation before the first message
     * @param window           hard stop: no win-back for churn older than this
     * @param discountPercent  the price-reason offer
     * @param discountValidFor how long the offer holds
     */
    public record WinBack(@DefaultValue("0s") Duration delay, @DefaultValue("90d") Duration window,
                          @Min(0) @Max(100) @DefaultValue("20") int discountPercent,
                          @DefaultValue("14d") Duration discountValidFor) {}

    /**
     * @param marketingBudget at most this many marketing messages per customer in {@code budgetPeriod} (every message
     *                        sent counts, dunning included; dunning itself never waits)
     * @param budgetPeriod    the budget's sliding period
     * @param quietFrom       quiet hours start, the customer's local time (email and SMS wait until {@code quietUntil})
     * @param quietUntil      quiet hours end
     * @param holdoutPercent  the global holdout: this share of customers gets no marketing message (0-50)
     */
    public record Respect(@Min(0) @DefaultValue("2") int marketingBudget,
                          @DefaultValue("7d") Duration budgetPeriod,
                          @DefaultValue("21:00") java.time.LocalTime quietFrom,
                          @DefaultValue("08:00") java.time.LocalTime quietUntil,
                          @jakarta.validation.constraints.DecimalMin("0") @jakarta.validation.constraints.DecimalMax("50")
                          @DefaultValue("5") double holdoutPercent) {}

    /**
     * @param webhookUrl  a Slack-compatible incoming webhook for CSM alerts (a secret: set {@code REBOUND_CSM_WEBHOOK_URL});
     *                    empty: CSM alerts are skipped, visibly
     * @param timeout     how long one post may take
     * @param retryAfter  how long an alert waits after the webhook was unavailable
     */
    public record Csm(@DefaultValue("") String webhookUrl, @DefaultValue("5s") Duration timeout,
                      @DefaultValue("30s") Duration retryAfter) {}

    /**
     * @param baseUrl    the provider's API ({@code https://api.twilio.com}; the embedded platform's simulator)
     * @param accountSid the account (set {@code REBOUND_SMS_ACCOUNT_SID}); empty: SMS messages are skipped, visibly
     * @param authToken  a secret (set {@code REBOUND_SMS_AUTH_TOKEN}); no default
     * @param from       the sending number or sender id (set {@code REBOUND_SMS_FROM})
     * @param timeout    how long one call may take
     * @param retryAfter how long a text waits after the provider was unavailable
     */
    public record Sms(@DefaultValue("https://api.twilio.com") String baseUrl, @DefaultValue("") String accountSid,
                      @DefaultValue("") String authToken, @DefaultValue("") String from,
                      @DefaultValue("5s") Duration timeout, @DefaultValue("30s") Duration retryAfter) {}

    /** @param remindBefore how long before a trial ends its reminder is sent */
    public record Trial(@DefaultValue("3d") Duration remindBefore) {}

    /** @param guideAfter how long after sign-up a customer who has not activated gets the getting-started guide */
    public record Onboarding(@DefaultValue("3d") Duration guideAfter) {}

    /** @param digestPeriod releases shipped this long before a customer went dormant make their digest */
    public record Dormant(@DefaultValue("60d") Duration digestPeriod) {}
}

package dev.rebound.contracts.data;

import java.time.Instant;

/**
 * customer.signed_up — mrr in minor units of {@code currency}; {@code phone} the mobile number in E.164 form, for SMS
 * (texting also needs the customer's consent: customer.updated's {@code consent.sms}).
 */
public record CustomerSignedUp(String plan, long mrr, String currency, String email, String locale, String timezone,
                               Instant trialEndsAt, String phone) implements EventData {

    public CustomerSignedUp(String plan, long mrr, String currency, String email, String locale, String timezone,
                            Instant trialEndsAt) {
        this(plan, mrr, currency, email, locale, timezone, trialEndsAt, null);
    }
}

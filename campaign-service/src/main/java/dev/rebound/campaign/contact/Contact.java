package dev.rebound.campaign.contact;

/**
 * How to reach a customer, from customer.signed_up and customer.updated. {@code emailConsent} is false
 * once the customer withdrew consent or unsubscribed. Texting needs a {@code phone} (E.164) and an explicit opt-in:
 * {@code smsConsent} is true only once customer.updated said {@code consent.sms: true}.
 */
public record Contact(String tenantId, String customerId, String email, String name, String locale,
                      String timezone, boolean emailConsent, String phone, boolean smsConsent) {

    public Contact(String tenantId, String customerId, String email, String name, String locale, String timezone,
                   boolean emailConsent) {
        this(tenantId, customerId, email, name, locale, timezone, emailConsent, null, false);
    }

    public String languageTag() {
        return locale == null ? "en" : locale;
    }
}

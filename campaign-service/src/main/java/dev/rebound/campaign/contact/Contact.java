package dev.rebound.campaign.contact;

/**
 * How to reach a customer, from customer.signed_up and customer.updated. {@code emailConsent} is false
 * once the customer withdrew consent or unsubscribed. Texting needs a {@code phone} (E.164) and an explicit opt-in:
 * {@code smsConsent} is true only once customer.updated said {@code consent.sms: true}. What the audience of a playbook
 * is chosen by, as last heard: {@code plan} (sign-up and subscription events), {@code stage} (scoring's
 * lifecycle.stage_changed), {@code tier} and value {@code segments} (scoring's risk.tier_changed); null or empty
 * until heard.
 */
public record Contact(String tenantId, String customerId, String email, String name, String locale,
                      String timezone, boolean emailConsent, String phone, boolean smsConsent, String plan,
                      String stage, String tier, java.util.List<String> segments) {

    public Contact {
        segments = segments == null ? java.util.List.of() : java.util.List.copyOf(segments);
    }

    public Contact(String tenantId, String customerId, String email, String name, String locale, String timezone,
                   boolean emailConsent, String phone, boolean smsConsent) {
        this(tenantId, customerId, email, name, locale, timezone, emailConsent, phone, smsConsent, null, null, null,
                null);
    }

    public Contact(String tenantId, String customerId, String email, String name, String locale, String timezone,
                   boolean emailConsent) {
        this(tenantId, customerId, email, name, locale, timezone, emailConsent, null, false);
    }

    public String languageTag() {
        return locale == null ? "en" : locale;
    }
}

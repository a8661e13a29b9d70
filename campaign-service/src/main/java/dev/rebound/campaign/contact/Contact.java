package dev.rebound.campaign.contact;

/**
 * How to reach a customer, from customer.signed_up and customer.updated. {@code emailConsent} is false
 * once the customer withdrew consent or unsubscribed.
 */
public record Contact(String tenantId, String customerId, String email, String name, String locale,
                      String timezone, boolean emailConsent) {

    public String languageTag() {
        return locale == null ? "en" : locale;
    }
}

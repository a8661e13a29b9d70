package dev.rebound.campaign.message;

/** Builds one-click unsubscribe links that cannot be forged for another customer. */
public interface Unsubscribe {

    String linkFor(String tenantId, String customerId);
}

package dev.rebound.contracts;

import java.util.List;

/** The one catalogue of Kafka topics. Business names, versioned; every topic has a dead-letter twin. */
public final class Topics {

    /** Product usage, customer, subscription, support and feedback events (ingestion out). */
    public static final String USAGE = "rebound.usage.v1";
    /** Payments and payment methods (ingestion out). */
    public static final String BILLING = "rebound.billing.v1";
    /** risk.* and lifecycle.* (scoring out). */
    public static final String RISK = "rebound.risk.v1";
    /** recovery.* (billing-recovery out). */
    public static final String RECOVERY = "rebound.recovery.v1";
    /** campaign.* (campaign out). */
    public static final String CAMPAIGN = "rebound.campaign.v1";

    public static final List<String> ALL = List.of(USAGE, BILLING, RISK, RECOVERY, CAMPAIGN);

    private static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic of a topic: poison records land there with the reason in headers. */
    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** The record key: one customer's events stay in one partition, so in order. */
    public static String key(String tenantId, String customerId) {
        return tenantId + ":" + customerId;
    }
}

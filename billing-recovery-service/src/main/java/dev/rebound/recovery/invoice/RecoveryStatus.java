package dev.rebound.recovery.invoice;

/** Where the recovery of one failed invoice stands. */
public enum RecoveryStatus {
    /** a retry is scheduled */
    RETRYING,
    /** no retry can help until the customer gives a new card */
    CARD_UPDATE_REQUIRED,
    /** the issuer wants the customer to authenticate (3-D Secure / SCA): no blind retry */
    AUTHENTICATION_REQUIRED,
    /** a retry paid the invoice */
    RECOVERED,
    /** paid by other means (a payment.succeeded arrived); pending retries cancelled */
    PAID_ELSEWHERE,
    /** the dunning window ended unpaid: involuntary churn */
    EXHAUSTED;

    public static final java.util.List<RecoveryStatus> OPEN = java.util.List.of(RETRYING, CARD_UPDATE_REQUIRED,
            AUTHENTICATION_REQUIRED);

    public boolean open() {
        return OPEN.contains(this);
    }
}

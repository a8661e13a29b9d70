package dev.rebound.contracts.data;

/**
 * recovery.authentication_requested — the issuer wants the customer to authenticate the payment (3-D Secure / SCA);
 * no blind retry happens until they do.
 */
public record RecoveryAuthenticationRequested(String invoiceId, String paymentMethodId, String reason)
        implements EventData {}

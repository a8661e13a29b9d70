package dev.rebound.recovery.gateway;

/** Charges an invoice. A decline is a result, not an exception; exceptions mean the gateway was not reached. */
public interface PaymentGateway {

    ChargeResult pay(ChargeRequest request) throws GatewayUnavailableException;

    /** @param idempotencyKey the same key for the same attempt, so a repeated call never charges twice */
    record ChargeRequest(String tenantId, String invoiceId, long amount, String currency, String paymentMethodId,
                         String idempotencyKey) {}

    record ChargeResult(boolean succeeded, String declineCode, String networkAdvice) {

        public static ChargeResult paid() {
            return new ChargeResult(true, null, null);
        }

        public static ChargeResult declined(String code, String advice) {
            return new ChargeResult(false, code, advice);
        }
    }
}

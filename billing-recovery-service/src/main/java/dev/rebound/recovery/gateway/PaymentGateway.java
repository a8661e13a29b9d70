package dev.rebound.recovery.gateway;

/** Charges an invoice. A decline is a result, not an exception; exceptions mean the gateway was not reached. */
public interface PaymentGateway {

    ChargeResult pay(ChargeRequest request) throws GatewayUnavailableException;

    /** @param idempotencyKey the same key for the same attempt, so a repeated call never charges twice */
    record ChargeRequest(String tenantId, String invoiceId, long amount, String currency, String paymentMethodId,
                         String idempotencyKey) {}

    /** A decline carries what the gateway said of it: its code, the network's advice and code, its own advice. */
    record ChargeResult(boolean succeeded, String declineCode, String networkAdvice, String networkDeclineCode,
                        String adviceCode) {

        public static ChargeResult paid() {
            return new ChargeResult(true, null, null, null, null);
        }

        public static ChargeResult declined(String code, String advice) {
            return new ChargeResult(false, code, advice, null, null);
        }

        public static ChargeResult declined(String code, String networkAdvice, String networkDeclineCode,
                                            String adviceCode) {
            return new ChargeResult(false, code, networkAdvice, networkDeclineCode, adviceCode);
        }
    }
}

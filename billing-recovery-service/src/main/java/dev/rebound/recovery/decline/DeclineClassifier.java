package dev.rebound.recovery.decline;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.rebound.recovery.decline.DeclineClass.*;

/**
 * Maps gateway decline codes (Stripe's {@code decline_code} / {@code code}) and network advice onto
 * {@link DeclineClass}. Network advice "do not try again" wins over any code; unknown codes are treated as
 * issuer declines, which are retried cautiously.
 */
public final class DeclineClassifier {

    private static final Map<String, DeclineClass> BY_CODE = Map.ofEntries(
            Map.entry("insufficient_funds", INSUFFICIENT_FUNDS),
            Map.entry("card_velocity_exceeded", INSUFFICIENT_FUNDS),
            Map.entry("withdrawal_count_limit_exceeded", INSUFFICIENT_FUNDS),
            Map.entry("processing_error", PROCESSING_ERROR),
            Map.entry("issuer_not_available", PROCESSING_ERROR),
            Map.entry("try_again_later", PROCESSING_ERROR),
            Map.entry("reenter_transaction", PROCESSING_ERROR),
            Map.entry("do_not_honor", ISSUER_DECLINE),
            Map.entry("generic_decline", ISSUER_DECLINE),
            Map.entry("card_declined", ISSUER_DECLINE),
            Map.entry("transaction_not_allowed", ISSUER_DECLINE),
            Map.entry("expired_card", CARD_UNUSABLE),
            Map.entry("lost_card", CARD_UNUSABLE),
            Map.entry("stolen_card", CARD_UNUSABLE),
            Map.entry("pickup_card", CARD_UNUSABLE),
            Map.entry("restricted_card", CARD_UNUSABLE),
            Map.entry("incorrect_number", CARD_UNUSABLE),
            Map.entry("invalid_number", CARD_UNUSABLE),
            Map.entry("invalid_account", CARD_UNUSABLE),
            Map.entry("card_not_supported", CARD_UNUSABLE),
            Map.entry("currency_not_supported", CARD_UNUSABLE),
            Map.entry("fraudulent", DO_NOT_RETRY),
            Map.entry("stop_payment_order", DO_NOT_RETRY),
            Map.entry("revocation_of_authorization", DO_NOT_RETRY),
            Map.entry("revocation_of_all_authorizations", DO_NOT_RETRY));

    /** Stripe's network advice codes that forbid a retry of the same card. */
    private static final Set<String> DO_NOT_TRY_AGAIN = Set.of("do_not_try_again", "03", "21");

    public DeclineClass classify(String declineCode, String networkAdvice) {
        if (networkAdvice != null && DO_NOT_TRY_AGAIN.contains(networkAdvice.toLowerCase(Locale.ROOT))) {
            return DO_NOT_RETRY;
        }
        if (declineCode == null) {
            return ISSUER_DECLINE;
        }
        return BY_CODE.getOrDefault(declineCode.toLowerCase(Locale.ROOT), ISSUER_DECLINE);
    }
}

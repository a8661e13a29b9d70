package dev.rebound.recovery.decline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule table, entry by entry: every class and network code plans the right action. */
class DeclineClassifierTest {

    private final DeclineClassifier classifier = new DeclineClassifier();

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource({
            "insufficient_funds,              INSUFFICIENT_FUNDS,      RETRY_LATER",
            "card_velocity_exceeded,          INSUFFICIENT_FUNDS,      RETRY_LATER",
            "card_declined,                   ISSUER_DECLINE,          RETRY_LATER",
            "generic_decline,                 ISSUER_DECLINE,          RETRY_LATER",
            "do_not_honor,                    ISSUER_DECLINE,          RETRY_LATER",
            "processing_error,                PROCESSING_ERROR,        RETRY_SOON",
            "try_again_later,                 PROCESSING_ERROR,        RETRY_SOON",
            "issuer_not_available,            PROCESSING_ERROR,        RETRY_SOON",
            "expired_card,                    CARD_UNUSABLE,           ASK_FOR_NEW_CARD",
            "incorrect_number,                CARD_UNUSABLE,           ASK_FOR_NEW_CARD",
            "invalid_account,                 CARD_UNUSABLE,           ASK_FOR_NEW_CARD",
            "lost_card,                       CARD_UNUSABLE,           ASK_FOR_NEW_CARD",
            "stolen_card,                     CARD_UNUSABLE,           ASK_FOR_NEW_CARD",
            "pickup_card,                     CARD_UNUSABLE,           ASK_FOR_NEW_CARD",
            "restricted_card,                 CARD_UNUSABLE,           ASK_FOR_NEW_CARD",
            "authentication_required,         AUTHENTICATION_REQUIRED, ASK_TO_AUTHENTICATE",
            "fraudulent,                      DO_NOT_RETRY,            NEVER_RETRY",
            "stop_payment_order,              DO_NOT_RETRY,            NEVER_RETRY",
            "revocation_of_authorization,     DO_NOT_RETRY,            NEVER_RETRY",
            "INSUFFICIENT_FUNDS,              INSUFFICIENT_FUNDS,      RETRY_LATER"})
    void stripeDeclineCodes(String code, DeclineClass expected, DeclineClass.Action action) {
        Decline decline = classifier.classify(code, null, null, null, null);
        assertThat(decline.declineClass()).isEqualTo(expected);
        assertThat(decline.declineClass().action()).isEqualTo(action);
        assertThat(decline.rule()).isEqualToIgnoringCase("stripe:" + code);
        assertThat(decline.unknownCode()).isFalse();
    }

    @ParameterizedTest(name = "visa {0} is never retried")
    @ValueSource(strings = {"04", "07", "12", "14", "15", "41", "43", "46", "57", "R0", "R1", "R3", "r0"})
    void visaCategoryOneIsNeverRetriedOnVisaCards(String code) {
        Decline decline = classifier.classify("insufficient_funds", "visa", code, null, null);
        assertThat(decline.declineClass()).isEqualTo(DeclineClass.DO_NOT_RETRY);
        assertThat(decline.rule()).isEqualToIgnoringCase("visa:" + code);
        assertThat(classifier.classify("insufficient_funds", "mastercard", code, null, null).declineClass())
                .as("Visa categories count only on Visa cards").isEqualTo(DeclineClass.INSUFFICIENT_FUNDS);
    }

    @ParameterizedTest(name = "mastercard advice {0} is never retried")
    @ValueSource(strings = {"03", "21"})
    void mastercardDoNotTryAgainAdviceIsNeverRetriedOnMastercardCards(String advice) {
        assertThat(classifier.classify("do_not_honor", "mastercard", null, advice, null).declineClass())
                .isEqualTo(DeclineClass.DO_NOT_RETRY);
        assertThat(classifier.classify("do_not_honor", "visa", null, advice, null).declineClass())
                .as("Mastercard advice counts only on Mastercard cards").isEqualTo(DeclineClass.ISSUER_DECLINE);
    }

    @ParameterizedTest(name = "mastercard advice {0} waits at least {1}")
    @CsvSource({"24, PT1H", "25, PT24H", "26, P2D", "27, P4D", "28, P6D", "29, P8D", "30, P10D", "02, P3D"})
    void mastercardTimingAdviceShapesTheEarliestRetry(String advice, Duration earliest) {
        Decline decline = classifier.classify("do_not_honor", "mastercard", null, advice, null);
        assertThat(decline.declineClass().retryable()).isTrue();
        assertThat(decline.earliestRetryAfter()).isEqualTo(earliest);
    }

    @Test
    void mastercardNewAccountInformationAsksForTheUpdatedCard() {
        assertThat(classifier.classify("do_not_honor", "mastercard", null, "01", null).declineClass())
                .isEqualTo(DeclineClass.CARD_UNUSABLE);
    }

    @Test
    void theGatewaysDoNotTryAgainWinsOverEveryCodeOnEveryBrand() {
        for (String brand : new String[]{"visa", "mastercard", "amex", null}) {
            assertThat(classifier.classify("insufficient_funds", brand, "51", null, "do_not_try_again").declineClass())
                    .isEqualTo(DeclineClass.DO_NOT_RETRY);
            assertThat(classifier.classify("insufficient_funds", brand, null, "do_not_try_again", null).declineClass())
                    .isEqualTo(DeclineClass.DO_NOT_RETRY);
        }
        assertThat(classifier.classify("card_declined", "visa", null, null, "confirm_card_data").declineClass())
                .isEqualTo(DeclineClass.CARD_UNUSABLE);
    }

    @Test
    void anUnknownCodeGetsTheCautiousDefaultAndIsMarkedUnknown() {
        Decline unknown = classifier.classify("something_new", "visa", "Z9", null, null);
        assertThat(unknown.declineClass()).isEqualTo(DeclineClass.ISSUER_DECLINE);
        assertThat(unknown.unknownCode()).isTrue();
        assertThat(classifier.classify(null, null, null, null, null).unknownCode()).isTrue();
    }
}

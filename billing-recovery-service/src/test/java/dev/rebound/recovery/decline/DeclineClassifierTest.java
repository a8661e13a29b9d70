package dev.rebound.recovery.decline;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DeclineClassifierTest {

    private final DeclineClassifier classifier = new DeclineClassifier();

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "insufficient_funds, null, INSUFFICIENT_FUNDS",
            "processing_error, null, PROCESSING_ERROR",
            "do_not_honor, null, ISSUER_DECLINE",
            "generic_decline, null, ISSUER_DECLINE",
            "expired_card, null, CARD_UNUSABLE",
            "lost_card, null, CARD_UNUSABLE",
            "stolen_card, null, CARD_UNUSABLE",
            "incorrect_number, null, CARD_UNUSABLE",
            "fraudulent, null, DO_NOT_RETRY",
            "insufficient_funds, do_not_try_again, DO_NOT_RETRY",
            "something_new, null, ISSUER_DECLINE",
            "null, null, ISSUER_DECLINE",
            "INSUFFICIENT_FUNDS, null, INSUFFICIENT_FUNDS"})
    void classifiesDeclineCodesAndNetworkAdvice(String code, String advice, DeclineClass expected) {
        assertThat(classifier.classify(code, advice)).isEqualTo(expected);
    }
}

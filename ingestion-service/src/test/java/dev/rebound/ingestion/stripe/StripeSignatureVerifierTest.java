package dev.rebound.ingestion.stripe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripeSignatureVerifierTest {

    private static final String SECRET = "whsec_test_secret";
    private static final byte[] PAYLOAD = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final long T = NOW.getEpochSecond();
    private final StripeSignatureVerifier verifier = new StripeSignatureVerifier(Duration.ofMinutes(5));

    @Test
    void acceptsTheSignatureStripeComputes() {
        String header = "t=" + T + ",v1=" + StripeSignatureVerifier.sign(T, PAYLOAD, SECRET);
        assertThatCode(() -> verifier.verify(header, PAYLOAD, SECRET, NOW)).doesNotThrowAnyException();
    }

    @Test
    void acceptsWhenAnyOfSeveralV1SignaturesMatchesDuringSecretRotation() {
        String header = "t=" + T + ",v1=" + StripeSignatureVerifier.sign(T, PAYLOAD, "whsec_old") + ",v1="
                + StripeSignatureVerifier.sign(T, PAYLOAD, SECRET) + ",v0=ignored";
        assertThatCode(() -> verifier.verify(header, PAYLOAD, SECRET, NOW)).doesNotThrowAnyException();
    }

    @Test
    void refusesAWrongSecretOrATamperedBody() {
        String header = "t=" + T + ",v1=" + StripeSignatureVerifier.sign(T, PAYLOAD, "whsec_other");
        assertThatThrownBy(() -> verifier.verify(header, PAYLOAD, SECRET, NOW))
                .hasMessage("no v1 signature matches the endpoint secret");
        String good = "t=" + T + ",v1=" + StripeSignatureVerifier.sign(T, PAYLOAD, SECRET);
        byte[] tampered = "{\"id\":\"evt_2\",\"type\":\"invoice.paid\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifier.verify(good, tampered, SECRET, NOW))
                .isInstanceOf(SignatureRejectedException.class);
    }

    @Test
    void refusesTimestampsOutsideTheToleranceInEitherDirection() {
        long stale = T - 301;
        long future = T + 301;
        assertThatThrownBy(() -> verifier.verify("t=" + stale + ",v1=" + StripeSignatureVerifier.sign(stale, PAYLOAD, SECRET),
                PAYLOAD, SECRET, NOW)).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> verifier.verify("t=" + future + ",v1=" + StripeSignatureVerifier.sign(future, PAYLOAD, SECRET),
                PAYLOAD, SECRET, NOW)).hasMessageContaining("tolerance");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "t=abc,v1=00", "v1=00", "t=1763805600", "t=1763805600,v1", ",,,"})
    void refusesMissingOrMalformedHeaders(String header) {
        assertThatThrownBy(() -> verifier.verify(header, PAYLOAD, SECRET, NOW))
                .isInstanceOf(SignatureRejectedException.class);
    }

    @Test
    void refusesAnAbsentHeader() {
        assertThatThrownBy(() -> verifier.verify(null, PAYLOAD, SECRET, NOW))
                .hasMessage("missing Stripe-Signature header");
    }
}

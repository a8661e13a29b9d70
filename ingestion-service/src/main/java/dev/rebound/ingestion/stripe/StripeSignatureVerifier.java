package dev.rebound.ingestion.stripe;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Stripe's webhook signature scheme: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]}, where
 * each {@code v1} is HMAC-SHA256 of {@code "<t>.<raw body>"} keyed with the endpoint secret. Several {@code v1}
 * values appear while a secret is being rolled; one match is enough. Compared in constant time. Unlike
 * Stripe's own libraries, a timestamp too far in the future is refused as well as one too old.
 */
public final class StripeSignatureVerifier {

    private final Duration tolerance;

    public StripeSignatureVerifier(Duration tolerance) {
        this.tolerance = tolerance;
    }

    public void verify(String header, byte[] payload, String secret, Instant now) {
        if (header == null || header.isBlank()) {
            throw new SignatureRejectedException("missing Stripe-Signature header");
        }
        long timestamp = -1;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new SignatureRejectedException("malformed Stripe-Signature header");
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new SignatureRejectedException("malformed timestamp in Stripe-Signature header");
                }
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp < 0) {
            throw new SignatureRejectedException("no timestamp in Stripe-Signature header");
        }
        if (signatures.isEmpty()) {
            throw new SignatureRejectedException("no v1 signature in Stripe-Signature header");
        }
        Instant signedAt = Instant.ofEpochSecond(timestamp);
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            throw new SignatureRejectedException("timestamp outside the " + tolerance.toSeconds() + " s tolerance");
        }
        byte[] expected = sign(timestamp, payload, secret).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String signature : signatures) {
            // no early exit: every candidate is compared in constant time
            matched |= MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
        }
        if (!matched) {
            throw new SignatureRejectedException("no v1 signature matches the endpoint secret");
        }
    }

    /** The hex v1 signature Stripe would send for this payload at this time. */
    public static String sign(long timestamp, byte[] payload, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(payload));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

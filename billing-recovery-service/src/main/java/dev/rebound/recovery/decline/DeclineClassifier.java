package dev.rebound.recovery.decline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Classifies a decline by the rule table {@code rebound/recovery/decline-rules.csv} (its sources are named in the
 * file). Precedence: the gateway's advice, then Mastercard merchant advice codes (on Mastercard cards only), then
 * Visa response-code categories (on Visa cards only), then the gateway's decline code; an unknown code gets the
 * cautious default, retried a few times spaced out, and is reported as unknown.
 */
public final class DeclineClassifier {

    static final String DEFAULT_RULE = "default";
    private static final String TABLE = "/rebound/recovery/decline-rules.csv";

    private record Rule(String id, DeclineClass declineClass, Duration earliestRetryAfter) {}

    private final Map<String, Rule> rules = new HashMap<>();

    public DeclineClassifier() {
        try (InputStream in = DeclineClassifier.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("missing decline rule table " + TABLE);
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(this::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(String line) {
        String[] cells = line.split(",", 5);
        String table = cells[0].trim();
        String code = cells[1].trim().toLowerCase(Locale.ROOT);
        Duration earliest = cells[3].isBlank() ? null : Duration.parse(cells[3].trim());
        rules.put(table + ":" + code, new Rule(table + ":" + cells[1].trim(), DeclineClass.valueOf(cells[2].trim()), earliest));
    }

    /** What a payment.failed (or a gateway decline) means for recovery. Every argument may be null. */
    public Decline classify(String declineCode, String cardBrand, String networkDeclineCode, String networkAdviceCode,
                            String adviceCode) {
        String brand = lower(cardBrand);
        Rule rule = first(
                lookup("advice", adviceCode),
                lookup("advice", networkAdviceCode), // some gateways relay do_not_try_again as the network advice
                "mastercard".equals(brand) ? lookup("mastercard-advice", networkAdviceCode) : null,
                "visa".equals(brand) ? lookup("visa", networkDeclineCode) : null,
                lookup("stripe", declineCode));
        if (rule == null) {
            return new Decline(DeclineClass.ISSUER_DECLINE, DEFAULT_RULE + ":" + (declineCode == null ? "none" : declineCode),
                    null);
        }
        return new Decline(rule.declineClass(), rule.id(), rule.earliestRetryAfter());
    }

    /** The class of a gateway decline code alone (no network detail). */
    public DeclineClass classify(String declineCode, String networkAdvice) {
        return classify(declineCode, null, null, networkAdvice, null).declineClass();
    }

    private Rule lookup(String table, String code) {
        return code == null ? null : rules.get(table + ":" + code.trim().toLowerCase(Locale.ROOT));
    }

    private static Rule first(Rule... candidates) {
        for (Rule rule : candidates) {
            if (rule != null) {
                return rule;
            }
        }
        return null;
    }

    private static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}

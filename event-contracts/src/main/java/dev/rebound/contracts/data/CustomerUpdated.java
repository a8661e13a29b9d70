package dev.rebound.contracts.data;

import java.util.Map;

/**
 * customer.updated — consent is per channel (email, sms, inapp); absent means unchanged. {@code phone} is the
 * customer's mobile number in E.164 form ({@code +821012345678}), for SMS.
 */
public record CustomerUpdated(String email, String name, String locale, String timezone, Map<String, Object> attributes,
                              Map<String, Boolean> consent, String phone) implements EventData {

    public CustomerUpdated(String email, String name, String locale, String timezone, Map<String, Object> attributes,
                           Map<String, Boolean> consent) {
        this(email, name, locale, timezone, attributes, consent, null);
    }
}

package dev.rebound.contracts.data;

import java.util.Map;

/** customer.updated — consent is per channel (email, sms, inapp); absent means unchanged. */
public record CustomerUpdated(String email, String name, String locale, String timezone, Map<String, Object> attributes,
                              Map<String, Boolean> consent) implements EventData {}

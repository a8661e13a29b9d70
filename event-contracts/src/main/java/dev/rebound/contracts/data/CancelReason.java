package dev.rebound.contracts.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Why a customer cancelled; drives the win-back offer. */
public enum CancelReason {
    PRICE, PRODUCT, TECHNICAL, COMPETITION, SUPPORT, UNUSED, OTHER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CancelReason fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

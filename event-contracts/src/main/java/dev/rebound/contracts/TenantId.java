package dev.rebound.contracts;

import java.util.regex.Pattern;

/**
 * A tenant's id: 1-64 letters, digits, {@code _} or {@code -}, starting with a letter or digit. The one place
 * the rule lives (the envelope schema's {@code tenantid} pattern says the same). No {@code :} or other
 * separator can appear, so composite ids such as {@code tenant:customer} split unambiguously and never collide.
 */
public record TenantId(String value) {

    public static final String RULE = "a tenant id is 1-64 letters, digits, _ or -, starting with a letter or digit";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public TenantId {
        if (!isValid(value)) {
            throw new IllegalArgumentException(RULE + ": '" + printable(value) + "'");
        }
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }

    private static String printable(String value) {
        if (value == null) {
            return "null";
        }
        String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}

package dev.rebound.scoring.tuning;


import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often a tenant's customers are expected to use the product, and so how long a silence makes one dormant:
 * a daily product's customer is dormant after 7 silent days, a weekly one's after 21, a monthly one's after 60, or
 * after a duration the tenant names. The activity trend compares the last {@link #trendWindow()} against the four
 * windows before it.
 */
public record Cadence(String name, Duration dormantAfter) {

    public static final Cadence DAILY = new Cadence("daily", Duration.ofDays(7));
    public static final Cadence WEEKLY = new Cadence("weekly", Duration.ofDays(21));
    public static final Cadence MONTHLY = new Cadence("monthly", Duration.ofDays(60));
    private static final Pattern DAYS = Pattern.compile("(\\d{1,3})d");

    /** {@code daily}, {@code weekly}, {@code monthly}, or a silence such as {@code 10d} or {@code P10D} (1-365 days); null otherwise. */
    public static Cadence parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "daily" -> { return DAILY; }
            case "weekly" -> { return WEEKLY; }
            case "monthly" -> { return MONTHLY; }
            default -> { }
        }
        Duration d;
        Matcher days = DAYS.matcher(v);
        try {
            d = days.matches() ? Duration.ofDays(Long.parseLong(days.group(1))) : Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
        if (d.compareTo(Duration.ofDays(1)) < 0 || d.compareTo(Duration.ofDays(365)) > 0) {
            return null;
        }
        return new Cadence(d.equals(Duration.ofDays(d.toDays())) ? d.toDays() + "d" : d.toString(), d);
    }

    /** The recent window of the activity trend: two thirds of the dormancy silence, between 7 and 30 days. */
    public int trendWindowDays() {
        long days = dormantAfter.toDays() * 2 / 3;
        return (int) Math.max(7, Math.min(30, days));
    }
}

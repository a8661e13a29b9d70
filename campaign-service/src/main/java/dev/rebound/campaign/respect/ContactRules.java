package dev.rebound.campaign.respect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What may reach a customer, checked just before each send, across every playbook and channel:
 * <ul>
 *   <li>the <b>global holdout</b> (a stable {@code holdoutPercent} of each tenant's customers, by a hash of tenant and
 *       customer) gets no marketing message at all, so the programme's incremental effect can be measured;</li>
 *   <li><b>quiet hours</b> in the customer's time zone (UTC when unknown) defer email and SMS to the morning;</li>
 *   <li>one <b>contact budget</b> per customer: at most {@code marketingBudget} marketing messages in any
 *       {@code budgetPeriod}, every message sent in it counting, dunning included; a marketing message over the
 *       budget waits until the oldest of those leaves the period.</li>
 * </ul>
 * Dunning (money owed: {@code dunning}, {@code pre-dunning}) is never held out and never waits for the budget:
 * marketing yields to it, not the other way round. Every deferral and skip names its reason.
 */
public final class ContactRules {

    private static final Set<String> TRANSACTIONAL = Set.of("dunning", "pre-dunning");

    /**
     * @param marketingBudget at most this many marketing messages per customer in {@code budgetPeriod}
     * @param quietFrom       quiet hours start (customer's local time)
     * @param quietUntil      quiet hours end: deferred messages go out from then
     * @param holdoutPercent  share of customers (0-50) who get no marketing message
     */
    public record Settings(int marketingBudget, Duration budgetPeriod, LocalTime quietFrom, LocalTime quietUntil,
                           double holdoutPercent) {

        public Settings {
            if (marketingBudget < 0) {
                throw new IllegalArgumentException("marketingBudget must be >= 0");
            }
            if (budgetPeriod.isNegative() || budgetPeriod.isZero()) {
                throw new IllegalArgumentException("budgetPeriod must be positive");
            }
            if (holdoutPercent < 0 || holdoutPercent > 50) {
                throw new IllegalArgumentException("holdoutPercent must be between 0 and 50");
            }
        }
    }

    /** The outcome of a check. */
    public sealed interface Verdict {
        record Send() implements Verdict {}

        /** {@code reason}: the rule (a metric tag); {@code detail}: what the customer's message records. */
        record Defer(Instant until, String reason, String detail) implements Verdict {}

        record Skip(String reason) implements Verdict {}
    }

    /** The customer's recent sends (any playbook, any channel). */
    public interface SentMessages {
        List<Instant> sentSince(String tenantId, String customerId, Instant since);
    }

    private final Settings settings;
    private final SentMessages sent;

    public ContactRules(Settings settings, SentMessages sent) {
        this.settings = settings;
        this.sent = sent;
    }

    public static boolean isMarketing(String playbook) {
        return !TRANSACTIONAL.contains(playbook);
    }

    /** True for the customers of the global holdout: a stable share of each tenant's customers. */
    public boolean inHoldout(String tenantId, String customerId) {
        return inShare(tenantId + "\u0000" + customerId, settings.holdoutPercent());
    }

    /** True for a stable {@code percent} of keys (by their hash): the same key is always in or always out. */
    public static boolean inShare(String key, double percent) {
        if (percent <= 0) {
            return false;
        }
        byte[] hash = sha256(key);
        long bucket = ((hash[0] & 0xffL) << 24 | (hash[1] & 0xffL) << 16 | (hash[2] & 0xffL) << 8 | (hash[3] & 0xffL))
                % 10_000;
        return bucket < Math.round(percent * 100);
    }

    /**
     * @param interrupts true for channels that reach the customer at once (email, SMS), false for the in-app inbox
     * @param timezone   the customer's IANA time zone, if known
     */
    public Verdict check(String tenantId, String customerId, String playbook, boolean interrupts, String timezone,
                         Instant now) {
        return check(tenantId, customerId, isMarketing(playbook), interrupts, timezone, now);
    }

    /** As {@link #check(String, String, String, boolean, String, Instant)}, for a message known to be marketing or not. */
    public Verdict check(String tenantId, String customerId, boolean marketing, boolean interrupts, String timezone,
                         Instant now) {
        if (marketing && inHoldout(tenantId, customerId)) {
            return new Verdict.Skip("global holdout");
        }
        if (interrupts) {
            ZoneId zone = zoneOf(timezone);
            Instant morning = quietUntil(now, zone);
            if (morning != null) {
                return new Verdict.Defer(morning, "quiet hours", "quiet hours in " + zone.getId() + " until "
                        + morning);
            }
        }
        if (marketing) {
            List<Instant> recent = sent.sentSince(tenantId, customerId, now.minus(settings.budgetPeriod()));
            if (recent.size() >= settings.marketingBudget()) {
                Instant oldest = recent.stream().min(Comparator.naturalOrder()).orElse(now);
                Instant until = oldest.plus(settings.budgetPeriod());
                until = until.isAfter(now) ? until : now.plusSeconds(60);
                return new Verdict.Defer(until, "contact budget", "contact budget: " + recent.size()
                        + " messages sent in the last " + settings.budgetPeriod().toDays() + " days, until " + until);
            }
        }
        return new Verdict.Send();
    }

    /** The end of the quiet hours {@code now} falls in, in {@code zone}; null outside them. */
    Instant quietUntil(Instant now, ZoneId zone) {
        LocalTime from = settings.quietFrom();
        LocalTime until = settings.quietUntil();
        if (from.equals(until)) {
            return null;
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean wraps = from.isAfter(until); // e.g. 21:00-08:00
        boolean quiet = wraps ? !time.isBefore(from) || time.isBefore(until)
                : !time.isBefore(from) && time.isBefore(until);
        if (!quiet) {
            return null;
        }
        ZonedDateTime end = local.with(until);
        if (!end.isAfter(local)) {
            end = end.plusDays(1).with(until);
        }
        return end.toInstant();
    }

    private static ZoneId zoneOf(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

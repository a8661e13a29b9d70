package dev.rebound.recovery.infra.gateway.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * How the simulated issuer treats one payment method: the decline it answers with (code, network decline code,
 * network advice, gateway advice) until it pays — from {@code paysFrom} on, or on the days of the month in
 * {@code paysOnDaysOfMonth} (funds that arrive after paydays), or by chance on each attempt ({@code payChance},
 * drawn from the card and the hour, so a run is repeatable). A card that never pays is replaced by a card update:
 * the new payment method has its own profile.
 */
public record CardProfile(String brand, String declineCode, String networkDeclineCode, String networkAdviceCode,
                          String adviceCode, Set<Integer> paysOnDaysOfMonth, Instant paysFrom, double payChance) {

    public CardProfile {
        paysOnDaysOfMonth = paysOnDaysOfMonth == null ? Set.of() : Set.copyOf(paysOnDaysOfMonth);
    }

    public CardProfile(String brand, String declineCode, String networkDeclineCode, String networkAdviceCode,
                       String adviceCode, Set<Integer> paysOnDaysOfMonth, Instant paysFrom) {
        this(brand, declineCode, networkDeclineCode, networkAdviceCode, adviceCode, paysOnDaysOfMonth, paysFrom, 0);
    }

    public static CardProfile pays(String brand) {
        return new CardProfile(brand, null, null, null, null, Set.of(), Instant.MIN);
    }

    public static CardProfile declines(String brand, String declineCode) {
        return new CardProfile(brand, declineCode, null, null, null, Set.of(), null);
    }

    public boolean paysAt(Instant at) {
        return paysAt(at, "");
    }

    /** @param card the payment method, the seed of the per-attempt chance */
    public boolean paysAt(Instant at, String card) {
        if (declineCode == null || (paysFrom != null && !at.isBefore(paysFrom))) {
            return true;
        }
        if (paysOnDaysOfMonth.contains(at.atZone(ZoneOffset.UTC).getDayOfMonth())) {
            return true;
        }
        if (payChance <= 0) {
            return false;
        }
        long seed = (card + "@" + at.truncatedTo(java.time.temporal.ChronoUnit.HOURS)).hashCode() * 0x9E3779B97F4A7C15L;
        return new java.util.SplittableRandom(seed).nextDouble() < payChance;
    }
}

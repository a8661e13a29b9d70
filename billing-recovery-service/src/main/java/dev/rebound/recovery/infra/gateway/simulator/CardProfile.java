package dev.rebound.recovery.infra.gateway.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * How the simulated issuer treats one payment method: the decline it answers with (code, network decline code,
 * network advice, gateway advice) until it pays — from {@code paysFrom} on, or on the days of the month in
 * {@code paysOnDaysOfMonth} (funds that arrive after paydays). A card that never pays is replaced by a card
 * update: the new payment method has its own profile.
 */
public record CardProfile(String brand, String declineCode, String networkDeclineCode, String networkAdviceCode,
                          String adviceCode, Set<Integer> paysOnDaysOfMonth, Instant paysFrom) {

    public CardProfile {
        paysOnDaysOfMonth = paysOnDaysOfMonth == null ? Set.of() : Set.copyOf(paysOnDaysOfMonth);
    }

    public static CardProfile pays(String brand) {
        return new CardProfile(brand, null, null, null, null, Set.of(), Instant.MIN);
    }

    public static CardProfile declines(String brand, String declineCode) {
        return new CardProfile(brand, declineCode, null, null, null, Set.of(), null);
    }

    public boolean paysAt(Instant at) {
        if (declineCode == null || (paysFrom != null && !at.isBefore(paysFrom))) {
            return true;
        }
        return paysOnDaysOfMonth.contains(at.atZone(ZoneOffset.UTC).getDayOfMonth());
    }
}

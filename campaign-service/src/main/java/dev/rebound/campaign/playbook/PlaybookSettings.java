package dev.rebound.campaign.playbook;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A tenant's settings of one playbook: whether it runs, an extra wait before its messages, the customer languages it
 * is for (empty: all), and the tenant's own template texts ({@code template -> language -> "Subject: ...\nbody"}),
 * which replace the shipped ones for that language; {@code inApp}: its customer emails go to the product's in-app inbox
 * instead.
 */
public record PlaybookSettings(boolean enabled, Duration delay, List<String> locales,
                               Map<String, Map<String, String>> templates, boolean inApp) {

    public static final PlaybookSettings DEFAULT = new PlaybookSettings(true, Duration.ZERO, List.of(), Map.of(), false);

    public PlaybookSettings {
        delay = delay == null ? Duration.ZERO : delay;
        locales = locales == null ? List.of() : List.copyOf(locales);
        templates = templates == null ? Map.of() : Map.copyOf(templates);
    }

    /** True when the playbook is for customers speaking {@code language}. */
    public boolean speaks(String language) {
        return locales.isEmpty() || locales.contains(language);
    }
}

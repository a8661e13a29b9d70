package dev.rebound.campaign.playbook;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A tenant's settings of one playbook: whether it runs, an extra wait before its messages, the customer languages it
 * is for (empty: all), and the tenant's own template texts ({@code template -> language -> "Subject: ...\nbody"}),
 * which replace the shipped ones for that language; {@code channel}: where its customer messages go — {@code email}
 * (as shipped), {@code inapp} (the product's in-app inbox) or {@code sms} (a text to customers who opted in);
 * {@code cap}: at most so many of its messages to one customer in a period (null: no cap of its own, the contact budget
 * still holds); {@code holdoutPercent}: a stable share of customers (0-50) held out of this playbook alone, so its own
 * uplift can be measured (besides the global holdout); {@code transactional}: its messages are about money owed
 * (like dunning): never held out, never waiting for the contact budget.
 */
public record PlaybookSettings(boolean enabled, Duration delay, List<String> locales,
                               Map<String, Map<String, String>> templates, String channel, Cap cap,
                               double holdoutPercent, boolean transactional, Audience audience) {

    /**
     * Who a message is for, checked when it is sent if its playbook could not tell when it was planned (the customer
     * not heard of yet): the customer as known now, and the message's variables (what its trigger said).
     */
    public interface Audience {
        boolean admits(dev.rebound.campaign.contact.Contact customer, Map<String, String> variables);
    }

    public PlaybookSettings(boolean enabled, Duration delay, List<String> locales,
                            Map<String, Map<String, String>> templates, String channel, Cap cap,
                            double holdoutPercent, boolean transactional) {
        this(enabled, delay, locales, templates, channel, cap, holdoutPercent, transactional, null);
    }

    /** True when the playbook has no audience to check at send time, or the customer is in it. */
    public boolean admits(dev.rebound.campaign.contact.Contact customer, Map<String, String> variables) {
        return audience == null || audience.admits(customer, variables);
    }

    public static final java.util.Set<String> CHANNELS = java.util.Set.of("email", "inapp", "sms");
    public static final PlaybookSettings DEFAULT = new PlaybookSettings(true, Duration.ZERO, List.of(), Map.of(), "email",
            null, 0, false);

    /** At most {@code messages} of one playbook to one customer in any {@code per}. */
    public record Cap(int messages, Duration per) {}

    public PlaybookSettings(boolean enabled, Duration delay, List<String> locales,
                            Map<String, Map<String, String>> templates, String channel) {
        this(enabled, delay, locales, templates, channel, null, 0, false);
    }

    public PlaybookSettings {
        channel = channel == null ? "email" : channel;
        delay = delay == null ? Duration.ZERO : delay;
        locales = locales == null ? List.of() : List.copyOf(locales);
        templates = templates == null ? Map.of() : Map.copyOf(templates);
    }

    public boolean inApp() {
        return channel.equals("inapp");
    }

    public boolean sms() {
        return channel.equals("sms");
    }

    /** True when the playbook is for customers speaking {@code language}. */
    public boolean speaks(String language) {
        return locales.isEmpty() || locales.contains(language);
    }
}

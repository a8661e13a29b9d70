package dev.rebound.campaign.playbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a tenant's settings of a playbook before they are saved: every problem named with its field, nothing saved
 * unless there is none. A template must start with a {@code Subject:} line, parse, and use only the fields its
 * playbook fills ({@link PlaybookDefinition#fields()} and {@code name}).
 */
public final class PlaybookValidation {

    static final Duration MAX_DELAY = Duration.ofDays(90);
    static final int MAX_TEMPLATE = 20_000;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    /** What a template uses; throws {@link IllegalArgumentException} with the reason when it does not parse. */
    public interface TemplateFields {
        Set<String> of(String text);
    }

    private final TemplateFields fields;

    public PlaybookValidation(TemplateFields fields) {
        this.fields = fields;
    }

    public List<String> errors(PlaybookDefinition playbook, PlaybookSettings settings) {
        List<String> errors = new ArrayList<>();
        if (settings.delay().isNegative() || settings.delay().compareTo(MAX_DELAY) > 0) {
            errors.add("delay: must be between 0s and 90d");
        }
        for (int i = 0; i < settings.locales().size(); i++) {
            String locale = settings.locales().get(i);
            if (locale == null || !LANGUAGE.matcher(locale).matches()) {
                errors.add("locales[" + i + "]: must be a language code such as en or ko");
            }
        }
        for (Map.Entry<String, Map<String, String>> template : settings.templates().entrySet()) {
            String name = template.getKey();
            if (!playbook.templates().contains(name)) {
                errors.add("templates." + name + ": not a template of " + playbook.id() + " (its templates: "
                        + String.join(", ", playbook.templates()) + ")");
                continue;
            }
            for (Map.Entry<String, String> text : template.getValue().entrySet()) {
                String field = "templates." + name + "." + text.getKey();
                if (!LANGUAGE.matcher(text.getKey()).matches()) {
                    errors.add(field + ": must be keyed by a language code such as en or ko");
                    continue;
                }
                errors.addAll(textErrors(field, playbook, text.getValue()));
            }
        }
        return errors;
    }

    private List<String> textErrors(String field, PlaybookDefinition playbook, String text) {
        Set<String> known = new TreeSet<>(playbook.fields());
        known.add(PlaybookDefinition.NAME);
        return textErrors(field, playbook.id(), known, text);
    }

    /**
     * The problems of one template text (empty when none): it must start with a {@code Subject:} line, parse, and use
     * only {@code known} fields (those {@code playbook} fills).
     */
    public List<String> textErrors(String field, String playbook, Set<String> known, String text) {
        if (text == null || text.isBlank()) {
            return List.of(field + ": must not be empty");
        }
        if (text.length() > MAX_TEMPLATE) {
            return List.of(field + ": at most " + MAX_TEMPLATE + " characters");
        }
        int newline = text.indexOf('\n');
        if (!text.startsWith("Subject:") || newline < 0 || text.substring(8, newline).isBlank()) {
            return List.of(field + ": must start with a 'Subject: ...' line followed by the body");
        }
        Set<String> used;
        try {
            used = fields.of(text);
        } catch (IllegalArgumentException e) {
            return List.of(field + ": does not parse: " + e.getMessage());
        }
        Set<String> unknown = new TreeSet<>(used);
        unknown.removeAll(known);
        if (unknown.isEmpty()) {
            return List.of();
        }
        return List.of(field + ": unknown field(s) " + String.join(", ", unknown) + " (" + playbook
                + " fills: " + String.join(", ", new TreeSet<>(known)) + ")");
    }

    /** A duration such as {@code 30s}, {@code 2h}, {@code 3d} or ISO-8601 ({@code PT2H}); empty when it is not one. */
    public static java.util.Optional<Duration> duration(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        String t = text.trim();
        try {
            if (t.matches("\\d{1,5}[smhd]")) {
                long amount = Long.parseLong(t.substring(0, t.length() - 1));
                return java.util.Optional.of(switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
            return java.util.Optional.of(Duration.parse(t));
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }
}

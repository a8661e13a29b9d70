package dev.rebound.campaign.message;

import java.util.Map;
import java.util.Set;

/** Renders a template for a locale, falling back to English; or a tenant's own template text. */
public interface Templates {

    Rendered render(String template, String locale, Map<String, String> variables);

    /** Renders a template text ({@code "Subject: ...\nbody"}) as given. */
    Rendered renderText(String text, Map<String, String> variables);

    /** The fields a template text uses; {@link IllegalArgumentException} with the reason when it does not parse. */
    Set<String> fieldsOf(String text);

    record Rendered(String subject, String body) {}
}

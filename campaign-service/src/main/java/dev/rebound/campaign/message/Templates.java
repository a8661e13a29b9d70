package dev.rebound.campaign.message;

import java.util.Map;

/** Renders a template for a locale, falling back to English. */
public interface Templates {

    Rendered render(String template, String locale, Map<String, String> variables);

    record Rendered(String subject, String body) {}
}

package dev.rebound.campaign.infra.http;

import dev.rebound.campaign.message.Templates;
import dev.rebound.campaign.playbook.PlaybookCatalog;
import dev.rebound.campaign.playbook.PlaybookDefinition;
import dev.rebound.campaign.playbook.PlaybookSettings;
import dev.rebound.campaign.playbook.PlaybookSettingsStore;
import dev.rebound.campaign.playbook.PlaybookValidation;
import dev.rebound.contracts.TenantId;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tenant's playbooks: {@code GET /v1/playbooks[/{id}]} lists what each does and how the tenant set it up,
 * {@code PUT /v1/playbooks/{id}} changes that (validated: every problem named with its field, nothing saved unless
 * there is none), {@code POST /v1/playbooks/{id}/preview} renders one of its templates as a customer would get it.
 */
@RestController
class PlaybooksController {

    private static final Set<String> SETTINGS_FIELDS = Set.of("enabled", "delay", "locales", "templates", "channel");
    private static final Set<String> PREVIEW_FIELDS = Set.of("template", "locale", "variables");

    private final PlaybookSettingsStore settings;
    private final PlaybookValidation validation;
    private final Templates templates;
    private final ObjectMapper json;

    PlaybooksController(PlaybookSettingsStore settings, Templates templates, ObjectMapper json) {
        this.settings = settings;
        this.templates = templates;
        this.validation = new PlaybookValidation(templates::fieldsOf);
        this.json = json;
    }

    record PlaybookView(String id, String description, String trigger, String channel, String exit,
                        boolean marketing, List<String> templates, List<String> fields, boolean enabled,
                        String delay, List<String> locales, Map<String, Map<String, String>> ownTemplates,
                        String customerChannel) {

        static PlaybookView of(PlaybookDefinition d, PlaybookSettings s) {
            List<String> fields = new ArrayList<>(d.fields());
            fields.add(PlaybookDefinition.NAME);
            fields.sort(String::compareTo);
            return new PlaybookView(d.id(), d.description(), d.trigger(), d.channel(), d.exit(), d.marketing(),
                    d.templates(), fields, s.enabled(), s.delay().toString(), s.locales(), s.templates(),
                    s.channel().equals("email") ? d.channel() : s.channel());
        }
    }

    @GetMapping("/v1/playbooks")
    Map<String, Object> list(TenantId tenant) {
        return Map.of("playbooks", PlaybookCatalog.ALL.stream()
                .map(d -> PlaybookView.of(d, settings.of(tenant.value(), d.id()))).toList());
    }

    @GetMapping("/v1/playbooks/{id}")
    ResponseEntity<?> one(@PathVariable String id, TenantId tenant) {
        return PlaybookCatalog.find(id).<ResponseEntity<?>>map(d -> ResponseEntity.ok(PlaybookView.of(d,
                settings.of(tenant.value(), id)))).orElseGet(() -> unknown(id));
    }

    @PutMapping("/v1/playbooks/{id}")
    ResponseEntity<?> change(@PathVariable String id, @RequestBody String body, TenantId tenant) {
        var definition = PlaybookCatalog.find(id);
        if (definition.isEmpty()) {
            return unknown(id);
        }
        List<String> errors = new ArrayList<>();
        JsonNode root = parse(body, errors);
        if (root == null) {
            return invalid(errors);
        }
        PlaybookSettings current = settings.of(tenant.value(), id);
        root.propertyNames().forEach(name -> {
            if (!SETTINGS_FIELDS.contains(name)) {
                errors.add(name + ": unknown field (fields: enabled, delay, locales, templates, channel)");
            }
        });
        boolean enabled = current.enabled();
        if (root.has("enabled")) {
            if (root.get("enabled").isBoolean()) {
                enabled = root.get("enabled").booleanValue();
            } else {
                errors.add("enabled: must be true or false");
            }
        }
        Duration delay = current.delay();
        if (root.has("delay")) {
            delay = duration(root.get("delay"), errors);
        }
        List<String> locales = current.locales();
        if (root.has("locales")) {
            locales = strings(root.get("locales"), "locales", errors);
        }
        Map<String, Map<String, String>> own = current.templates();
        if (root.has("templates")) {
            own = templates(root.get("templates"), errors);
        }
        String channel = current.channel();
        if (root.has("channel")) {
            String wanted = root.get("channel").isString() ? root.get("channel").asString() : "";
            if (!definition.get().channel().startsWith("email")) {
                errors.add("channel: " + id + " does not message customers by email, so it cannot move to another"
                        + " channel");
            } else if (PlaybookSettings.CHANNELS.contains(wanted)) {
                channel = wanted;
            } else {
                errors.add("channel: must be email, inapp or sms");
            }
        }
        PlaybookSettings changed = new PlaybookSettings(enabled, delay, locales, own, channel);
        errors.addAll(validation.errors(definition.get(), changed));
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        settings.save(tenant.value(), id, changed);
        return ResponseEntity.ok(PlaybookView.of(definition.get(), changed));
    }

    @PostMapping("/v1/playbooks/{id}/preview")
    ResponseEntity<?> preview(@PathVariable String id, @RequestBody(required = false) String body, TenantId tenant) {
        var found = PlaybookCatalog.find(id);
        if (found.isEmpty()) {
            return unknown(id);
        }
        PlaybookDefinition definition = found.get();
        List<String> errors = new ArrayList<>();
        JsonNode root = body == null || body.isBlank() ? json.createObjectNode() : parse(body, errors);
        if (root == null) {
            return invalid(errors);
        }
        root.propertyNames().forEach(name -> {
            if (!PREVIEW_FIELDS.contains(name)) {
                errors.add(name + ": unknown field (fields: template, locale, variables)");
            }
        });
        String template = root.path("template").isString() ? root.get("template").asString()
                : definition.templates().getFirst();
        if (!definition.templates().contains(template)) {
            errors.add("template: not a template of " + id + " (its templates: "
                    + String.join(", ", definition.templates()) + ")");
        }
        String locale = root.path("locale").isString() ? root.get("locale").asString() : "en";
        String language = Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
        if (language.isEmpty()) {
            errors.add("locale: must be a language tag such as en, en-US or ko-KR");
        }
        Map<String, String> variables = new HashMap<>(definition.sample());
        if (root.has("variables")) {
            JsonNode given = root.get("variables");
            if (!given.isObject()) {
                errors.add("variables: must be an object of field names to strings");
            } else {
                given.properties().forEach(e -> {
                    if (!definition.allows(e.getKey())) {
                        errors.add("variables." + e.getKey() + ": not a field of " + id);
                    } else if (!e.getValue().isString()) {
                        errors.add("variables." + e.getKey() + ": must be a string");
                    } else {
                        variables.put(e.getKey(), e.getValue().asString());
                    }
                });
            }
        }
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        String own = settings.of(tenant.value(), id).templates().getOrDefault(template, Map.of()).get(language);
        Templates.Rendered rendered = own != null ? templates.renderText(own, variables)
                : templates.render(template, locale, variables);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("playbook", id);
        answer.put("template", template);
        answer.put("locale", locale);
        answer.put("source", own != null ? "tenant" : "shipped");
        answer.put("subject", rendered.subject());
        answer.put("body", rendered.body());
        return ResponseEntity.ok(answer);
    }

    private JsonNode parse(String body, List<String> errors) {
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                errors.add("body: must be a JSON object");
                return null;
            }
            return root;
        } catch (RuntimeException e) {
            errors.add("body: not valid JSON");
            return null;
        }
    }

    private static Duration duration(JsonNode node, List<String> errors) {
        if (!node.isString()) {
            errors.add("delay: must be a duration such as 0s, 2h or 3d");
            return Duration.ZERO;
        }
        String text = node.asString().trim();
        try {
            if (text.matches("\\d{1,4}[smhd]")) {
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                return switch (text.charAt(text.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            errors.add("delay: must be a duration such as 0s, 2h or 3d");
            return Duration.ZERO;
        }
    }

    private static List<String> strings(JsonNode node, String field, List<String> errors) {
        if (!node.isArray() || node.size() > 50) {
            errors.add(field + ": must be an array of at most 50 language codes");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isString()) {
                errors.add(field + "[" + i + "]: must be a string");
            } else {
                values.add(node.get(i).asString());
            }
        }
        return values;
    }

    private static Map<String, Map<String, String>> templates(JsonNode node, List<String> errors) {
        Map<String, Map<String, String>> own = new LinkedHashMap<>();
        if (!node.isObject()) {
            errors.add("templates: must be an object: template name -> language -> text");
            return own;
        }
        node.properties().forEach(template -> {
            if (!template.getValue().isObject()) {
                errors.add("templates." + template.getKey() + ": must be an object: language -> text");
                return;
            }
            Map<String, String> texts = new LinkedHashMap<>();
            template.getValue().properties().forEach(text -> {
                if (text.getValue().isString()) {
                    texts.put(text.getKey(), text.getValue().asString());
                } else {
                    errors.add("templates." + template.getKey() + "." + text.getKey() + ": must be a string");
                }
            });
            own.put(template.getKey(), texts);
        });
        return own;
    }

    private static ResponseEntity<?> invalid(List<String> errors) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid_playbook", "errors", errors));
    }

    static ResponseEntity<?> unknown(String id) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "unknown_playbook", "message",
                "no playbook '" + (id.length() > 64 ? id.substring(0, 64) + "…" : id) + "'; playbooks: "
                        + String.join(", ", PlaybookCatalog.ids())));
    }
}

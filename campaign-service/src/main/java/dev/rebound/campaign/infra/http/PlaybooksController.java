package dev.rebound.campaign.infra.http;

import dev.rebound.campaign.custom.CustomPlaybook;
import dev.rebound.campaign.custom.CustomPlaybookReader;
import dev.rebound.campaign.custom.CustomPlaybookStore;
import dev.rebound.campaign.message.Templates;
import dev.rebound.campaign.playbook.PlaybookCatalog;
import dev.rebound.campaign.playbook.PlaybookDefinition;
import dev.rebound.campaign.playbook.PlaybookSettings;
import dev.rebound.campaign.playbook.PlaybookSettingsStore;
import dev.rebound.campaign.playbook.PlaybookValidation;
import dev.rebound.contracts.TenantId;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
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

    private static final Set<String> SETTINGS_FIELDS = Set.of("enabled", "delay", "locales", "templates", "channel",
            "cap", "holdoutPercent");
    private static final Set<String> PREVIEW_FIELDS = Set.of("template", "locale", "variables");

    private final PlaybookSettingsStore settings;
    private final PlaybookValidation validation;
    private final Templates templates;
    private final ObjectMapper json;
    private final CustomPlaybookStore tenantPlaybooks;
    private final CustomPlaybookReader reader;

    PlaybooksController(PlaybookSettingsStore settings, Templates templates, ObjectMapper json,
                        CustomPlaybookStore own) {
        this.settings = settings;
        this.templates = templates;
        this.validation = new PlaybookValidation(templates::fieldsOf);
        this.json = json;
        this.tenantPlaybooks = own;
        this.reader = new CustomPlaybookReader(validation);
    }

    record PlaybookView(String id, String description, String trigger, String channel, String exit,
                        boolean marketing, List<String> templates, List<String> fields, boolean enabled,
                        String delay, List<String> locales, Map<String, Map<String, String>> ownTemplates,
                        String customerChannel, Map<String, Object> cap, double holdoutPercent, String source) {

        static PlaybookView of(PlaybookDefinition d, PlaybookSettings s) {
            List<String> fields = new ArrayList<>(d.fields());
            fields.add(PlaybookDefinition.NAME);
            fields.sort(String::compareTo);
            return new PlaybookView(d.id(), d.description(), d.trigger(), d.channel(), d.exit(), d.marketing(),
                    d.templates(), fields, s.enabled(), s.delay().toString(), s.locales(), s.templates(),
                    s.channel().equals("email") ? d.channel() : s.channel(), capView(s.cap()), s.holdoutPercent(),
                    "shipped");
        }
    }

    static Map<String, Object> capView(PlaybookSettings.Cap cap) {
        return cap == null ? null : Map.of("messages", cap.messages(), "per", cap.per().toString());
    }

    /** A tenant's own playbook as its API shows it (durations in ISO-8601, which a PUT accepts back). */
    static Map<String, Object> customView(CustomPlaybook p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", p.id());
        view.put("source", "tenant");
        view.put("description", p.description());
        view.put("enabled", p.enabled());
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("event", p.trigger().event());
        if (p.trigger().to() != null) {
            trigger.put("to", p.trigger().to());
        }
        if (p.trigger().before() != null) {
            trigger.put("before", p.trigger().before().toString());
        }
        if (p.trigger().maxScore() != null) {
            trigger.put("maxScore", p.trigger().maxScore());
        }
        view.put("trigger", trigger);
        view.put("audience", Map.of("stages", p.audience().stages(), "tiers", p.audience().tiers(), "segments",
                p.audience().segments(), "plans", p.audience().plans(), "locales", p.audience().locales()));
        view.put("wait", p.delay().toString());
        view.put("steps", p.steps().stream().map(step -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("channel", step.channel());
            s.put("templates", step.templates());
            if (step.offer() != null) {
                s.put("offer", step.offer());
            }
            s.put("delay", step.delay().toString());
            return s;
        }).toList());
        view.put("exit", p.exit().stream().sorted().toList());
        view.put("holdoutPercent", p.holdoutPercent());
        view.put("end", p.end().toString());
        if (p.cap() != null) {
            view.put("cap", capView(p.cap()));
        }
        view.put("marketing", p.marketing());
        view.put("fields", p.fields());
        return view;
    }

    @GetMapping("/v1/playbooks")
    Map<String, Object> list(TenantId tenant) {
        List<Object> all = new ArrayList<>(PlaybookCatalog.ALL.stream()
                .map(d -> PlaybookView.of(d, settings.of(tenant.value(), d.id()))).toList());
        tenantPlaybooks.all(tenant.value()).forEach(p -> all.add(customView(p)));
        return Map.of("playbooks", all);
    }

    @GetMapping("/v1/playbooks/{id}")
    ResponseEntity<?> one(@PathVariable String id, TenantId tenant) {
        var shipped = PlaybookCatalog.find(id);
        if (shipped.isPresent()) {
            return ResponseEntity.ok(PlaybookView.of(shipped.get(), settings.of(tenant.value(), id)));
        }
        return tenantPlaybooks.find(tenant.value(), id).<ResponseEntity<?>>map(p -> ResponseEntity.ok(customView(p)))
                .orElseGet(() -> unknown(id));
    }

    /** A tenant's own playbook goes; a shipped one can only be disabled. */
    @DeleteMapping("/v1/playbooks/{id}")
    ResponseEntity<?> delete(@PathVariable String id, TenantId tenant) {
        if (PlaybookCatalog.find(id).isPresent()) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "shipped_playbook", "message",
                    "'" + id + "' ships with Rebound: it can be disabled ({\"enabled\": false}), not deleted"));
        }
        return tenantPlaybooks.delete(tenant.value(), id) ? ResponseEntity.noContent().build() : unknown(id);
    }

    @PutMapping("/v1/playbooks/{id}")
    ResponseEntity<?> change(@PathVariable String id, @RequestBody String body, TenantId tenant) {
        var definition = PlaybookCatalog.find(id);
        List<String> errors = new ArrayList<>();
        JsonNode root = parse(body, errors);
        if (root == null) {
            return invalid(errors);
        }
        if (definition.isEmpty()) {
            // not a shipped playbook: the tenant's own, created or replaced whole
            CustomPlaybookReader.Result read = reader.read(id, root);
            if (!read.errors().isEmpty()) {
                return invalid(read.errors());
            }
            tenantPlaybooks.save(tenant.value(), id, json.writeValueAsString(root));
            return ResponseEntity.ok(customView(read.playbook()));
        }
        PlaybookSettings current = settings.of(tenant.value(), id);
        root.propertyNames().forEach(name -> {
            if (!SETTINGS_FIELDS.contains(name)) {
                errors.add(name + ": unknown field (fields: enabled, delay, locales, templates, channel, cap,"
                        + " holdoutPercent)");
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
        PlaybookSettings.Cap cap = current.cap();
        if (root.has("cap")) {
            cap = CustomPlaybookReader.cap(root.get("cap"), errors);
        }
        double holdout = CustomPlaybookReader.holdoutPercent(root, current.holdoutPercent(), errors);
        PlaybookSettings changed = new PlaybookSettings(enabled, delay, locales, own, channel, cap, holdout,
                current.transactional());
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
        PlaybookDefinition definition;
        Map<String, Map<String, String>> ownTexts;
        if (found.isPresent()) {
            definition = found.get();
            ownTexts = settings.of(tenant.value(), id).templates();
        } else {
            var custom = tenantPlaybooks.find(tenant.value(), id);
            if (custom.isEmpty()) {
                return unknown(id);
            }
            definition = definitionOf(custom.get());
            ownTexts = new LinkedHashMap<>();
            for (int i = 0; i < custom.get().steps().size(); i++) {
                ownTexts.put(CustomPlaybook.template(i), custom.get().steps().get(i).templates());
            }
        }
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
        Map<String, String> texts = ownTexts.getOrDefault(template, Map.of());
        String own = texts.get(language);
        if (own == null && found.isEmpty() && !texts.isEmpty()) {
            own = texts.getOrDefault("en", texts.values().iterator().next());
        }
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

    /** A tenant's playbook as a definition a preview can use, with sample values for every field it fills. */
    private static PlaybookDefinition definitionOf(CustomPlaybook p) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < p.steps().size(); i++) {
            names.add(CustomPlaybook.template(i));
        }
        Map<String, String> sample = new HashMap<>(Map.of("name", "Ada", "plan", "pro", "stage",
                p.trigger().event().equals("stage_changed") ? p.trigger().to() : "ACTIVE", "tier",
                p.trigger().event().equals("tier_changed") ? p.trigger().to() : "HIGH", "reason", "price",
                "score", "3", "reasons", "- viewed the cancel page 2 time(s) in the last 30 days", "invoice", "in_2001",
                "amount", "USD 49.00", "retryDate", "2026-11-23"));
        sample.putAll(Map.of("trialEnds", "2026-12-04", "daysLeft", "3", "comment", "reports are slow", "feature",
                "dark-mode", "description", "Easier on the eyes at night."));
        sample.put("offer", p.steps().stream().map(CustomPlaybook.Step::offer).filter(java.util.Objects::nonNull)
                .findFirst().orElse("WELCOME20"));
        sample.keySet().retainAll(p.fields());
        Set<String> fields = new java.util.TreeSet<>(p.fields());
        fields.remove(PlaybookDefinition.NAME);
        return new PlaybookDefinition(p.id(), p.description(), p.trigger().event(), "per step", String.join(", ",
                p.exit()), p.marketing(), names, fields, sample);
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
                "no playbook '" + (id.length() > 64 ? id.substring(0, 64) + "…" : id) + "'; shipped playbooks: "
                        + String.join(", ", PlaybookCatalog.ids()) + " (GET /v1/playbooks lists the tenant's own too)"));
    }
}

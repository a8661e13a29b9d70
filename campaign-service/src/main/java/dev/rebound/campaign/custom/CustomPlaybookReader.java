package dev.rebound.campaign.custom;

import dev.rebound.campaign.playbook.PlaybookSettings;
import dev.rebound.campaign.playbook.PlaybookValidation;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.RiskTier;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a tenant's playbook from its JSON and checks it before it is saved: every problem named with its field
 * ({@code steps[1].templates.ko: unknown field(s) invoice ...}), nothing saved unless there is none. A step's text must
 * start with a {@code Subject:} line, parse, and use only the fields its trigger fills.
 */
public final class CustomPlaybookReader {

    /** What a tenant's playbook id looks like (it is also a metric tag and a URL segment). */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");
    static final Duration MAX_WAIT = Duration.ofDays(90);
    static final Duration MAX_END = Duration.ofDays(365);
    static final int MAX_STEPS = 10;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final Set<String> FIELDS = Set.of("description", "enabled", "trigger", "audience", "wait", "steps",
            "exit", "holdoutPercent", "end", "cap");

    /** The playbook read, or the problems found (then {@code playbook} is null). */
    public record Result(CustomPlaybook playbook, List<String> errors) {}

    private final PlaybookValidation templates;

    public CustomPlaybookReader(PlaybookValidation templates) {
        this.templates = templates;
    }

    public Result read(String id, JsonNode root) {
        List<String> errors = new ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            errors.add("id: must be 1-48 lower-case letters, digits or dashes, starting with a letter or digit");
        }
        root.propertyNames().forEach(name -> {
            if (!FIELDS.contains(name)) {
                errors.add(name + ": unknown field (fields: " + String.join(", ", FIELDS.stream().sorted().toList())
                        + ")");
            }
        });
        String description = "";
        if (root.has("description")) {
            if (!root.get("description").isString() || root.get("description").asString().length() > 500) {
                errors.add("description: must be a string of at most 500 characters");
            } else {
                description = root.get("description").asString();
            }
        }
        boolean enabled = true;
        if (root.has("enabled")) {
            if (root.get("enabled").isBoolean()) {
                enabled = root.get("enabled").booleanValue();
            } else {
                errors.add("enabled: must be true or false");
            }
        }
        CustomPlaybook.Trigger trigger = trigger(root.get("trigger"), errors);
        CustomPlaybook.Audience audience = audience(root.get("audience"), errors);
        Duration wait = root.has("wait") ? duration(root.get("wait"), "wait", Duration.ZERO, MAX_WAIT, errors)
                : Duration.ZERO;
        Duration end = root.has("end") ? duration(root.get("end"), "end", Duration.ofHours(1), MAX_END, errors)
                : Duration.ofDays(30);
        List<CustomPlaybook.Step> steps = steps(root.get("steps"), trigger, errors);
        if (trigger != null && wait != null && end != null && !steps.isEmpty()) {
            Duration offset = wait;
            for (int i = 0; i < steps.size(); i++) {
                offset = offset.plus(steps.get(i).delay());
                if (offset.compareTo(end) > 0) {
                    errors.add("steps[" + i + "].delay: the step would go " + offset + " after the trigger, after the"
                            + " playbook's end (" + end + ")");
                }
            }
        }
        Set<String> exit = exit(root.get("exit"), errors);
        double holdout = holdoutPercent(root, 0, errors);
        PlaybookSettings.Cap cap = root.has("cap") ? cap(root.get("cap"), errors) : null;
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(new CustomPlaybook(id, description, enabled, trigger, audience, wait, steps, exit, holdout,
                end, cap), List.of());
    }

    /** {@code holdoutPercent} (0-50) when the body has one, else {@code current}; also for the shipped playbooks. */
    public static double holdoutPercent(JsonNode root, double current, List<String> errors) {
        if (!root.has("holdoutPercent")) {
            return current;
        }
        JsonNode h = root.get("holdoutPercent");
        if (!h.isNumber() || h.doubleValue() < 0 || h.doubleValue() > 50) {
            errors.add("holdoutPercent: must be a number from 0 to 50");
            return current;
        }
        return h.doubleValue();
    }

    /** A cap as {@code {"messages": 1, "per": "30d"}}; also for the shipped playbooks' settings. */
    public static PlaybookSettings.Cap cap(JsonNode node, List<String> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add("cap: must be an object such as {\"messages\": 1, \"per\": \"30d\"}");
            return null;
        }
        node.propertyNames().forEach(name -> {
            if (!name.equals("messages") && !name.equals("per")) {
                errors.add("cap." + name + ": unknown field (fields: messages, per)");
            }
        });
        JsonNode messages = node.get("messages");
        if (messages == null || !messages.isIntegralNumber() || messages.intValue() < 1 || messages.intValue() > 100) {
            errors.add("cap.messages: must be a whole number from 1 to 100");
            return null;
        }
        Duration per = node.has("per") ? duration(node.get("per"), "cap.per", Duration.ofHours(1), MAX_END, errors)
                : null;
        if (per == null) {
            if (!node.has("per")) {
                errors.add("cap.per: required, a duration such as 7d (at most 365d)");
            }
            return null;
        }
        return new PlaybookSettings.Cap(messages.intValue(), per);
    }

    private CustomPlaybook.Trigger trigger(JsonNode node, List<String> errors) {
        if (node == null || !node.isObject()) {
            errors.add("trigger: required, an object such as {\"event\": \"stage_changed\", \"to\": \"DORMANT\"}"
                    + " (events: " + String.join(", ", CustomPlaybook.EVENTS) + ")");
            return null;
        }
        node.propertyNames().forEach(name -> {
            if (!Set.of("event", "to", "before", "maxScore").contains(name)) {
                errors.add("trigger." + name + ": unknown field (fields: event, to, before, maxScore)");
            }
        });
        String event = node.path("event").isString() ? node.get("event").asString() : null;
        if (event == null || !CustomPlaybook.EVENTS.contains(event)) {
            errors.add("trigger.event: must be one of " + String.join(", ", CustomPlaybook.EVENTS));
            return null;
        }
        String to = node.path("to").isString() ? node.get("to").asString() : null;
        List<String> allowedTo = switch (event) {
            case "stage_changed" -> names(LifecycleStage.values());
            case "tier_changed" -> names(RiskTier.values());
            case "recovery" -> CustomPlaybook.RECOVERY_EVENTS;
            default -> List.of();
        };
        if (!allowedTo.isEmpty() && (to == null || !allowedTo.contains(to))) {
            errors.add("trigger.to: " + event + " needs one of " + String.join(", ", allowedTo));
        } else if (allowedTo.isEmpty() && node.has("to")) {
            errors.add("trigger.to: " + event + " takes no 'to'");
        }
        Duration before = null;
        if (event.equals("trial_ending")) {
            before = node.has("before") ? duration(node.get("before"), "trigger.before", Duration.ofHours(1),
                    MAX_WAIT, errors) : null;
            if (!node.has("before")) {
                errors.add("trigger.before: trial_ending needs how long before the trial's end, e.g. 3d");
            }
        } else if (node.has("before")) {
            errors.add("trigger.before: only trial_ending takes 'before'");
        }
        Integer maxScore = null;
        if (event.equals("nps")) {
            JsonNode max = node.get("maxScore");
            if (max == null || !max.isIntegralNumber() || max.intValue() < 0 || max.intValue() > 10) {
                errors.add("trigger.maxScore: nps needs the highest score that triggers it, 0-10");
            } else {
                maxScore = max.intValue();
            }
        } else if (node.has("maxScore")) {
            errors.add("trigger.maxScore: only nps takes 'maxScore'");
        }
        return new CustomPlaybook.Trigger(event, allowedTo.isEmpty() ? null : to, before, maxScore);
    }

    private static CustomPlaybook.Audience audience(JsonNode node, List<String> errors) {
        if (node == null || node.isNull()) {
            return CustomPlaybook.Audience.EVERYONE;
        }
        if (!node.isObject()) {
            errors.add("audience: must be an object (fields: stages, tiers, segments, plans, locales)");
            return CustomPlaybook.Audience.EVERYONE;
        }
        node.propertyNames().forEach(name -> {
            if (!Set.of("stages", "tiers", "segments", "plans", "locales").contains(name)) {
                errors.add("audience." + name + ": unknown field (fields: stages, tiers, segments, plans, locales)");
            }
        });
        List<String> stages = list(node.get("stages"), "audience.stages", names(LifecycleStage.values()), null, errors);
        List<String> tiers = list(node.get("tiers"), "audience.tiers", names(RiskTier.values()), null, errors);
        List<String> segments = list(node.get("segments"), "audience.segments", CustomPlaybook.SEGMENTS, null, errors);
        List<String> plans = list(node.get("plans"), "audience.plans", null, Pattern.compile("\\S{1,64}"), errors);
        List<String> locales = list(node.get("locales"), "audience.locales", null, LANGUAGE, errors);
        return new CustomPlaybook.Audience(stages, tiers, segments, plans, locales);
    }

    private List<CustomPlaybook.Step> steps(JsonNode node, CustomPlaybook.Trigger trigger, List<String> errors) {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > MAX_STEPS) {
            errors.add("steps: required, 1 to " + MAX_STEPS + " steps such as {\"channel\": \"email\", \"templates\": "
                    + "{\"en\": \"Subject: ...\\n...\"}}");
            return List.of();
        }
        Set<String> known = trigger == null ? Set.of("name") : CustomPlaybook.fieldsOf(trigger.event());
        List<CustomPlaybook.Step> steps = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "steps[" + i + "]";
            JsonNode step = node.get(i);
            if (!step.isObject()) {
                errors.add(at + ": must be an object (fields: channel, templates, offer, delay)");
                continue;
            }
            step.propertyNames().forEach(name -> {
                if (!Set.of("channel", "templates", "offer", "delay").contains(name)) {
                    errors.add(at + "." + name + ": unknown field (fields: channel, templates, offer, delay)");
                }
            });
            String channel = step.path("channel").isString() ? step.get("channel").asString() : "email";
            if (step.has("channel") && !CustomPlaybook.CHANNELS.contains(channel)) {
                errors.add(at + ".channel: must be one of " + String.join(", ", CustomPlaybook.CHANNELS));
            }
            String offer = null;
            if (step.has("offer")) {
                if (!step.get("offer").isString() || step.get("offer").asString().isBlank()
                        || step.get("offer").asString().length() > 64) {
                    errors.add(at + ".offer: must be a string of 1-64 characters (e.g. a discount code)");
                } else {
                    offer = step.get("offer").asString();
                }
            }
            Duration delay = step.has("delay") ? duration(step.get("delay"), at + ".delay", Duration.ZERO, MAX_WAIT,
                    errors) : Duration.ZERO;
            Map<String, String> texts = new LinkedHashMap<>();
            JsonNode t = step.get("templates");
            if (t == null || !t.isObject() || t.isEmpty()) {
                errors.add(at + ".templates: required, an object: language -> \"Subject: ...\\nbody\"");
            } else {
                t.properties().forEach(e -> {
                    String field = at + ".templates." + e.getKey();
                    if (!LANGUAGE.matcher(e.getKey()).matches()) {
                        errors.add(field + ": must be keyed by a language code such as en or ko");
                    } else if (!e.getValue().isString()) {
                        errors.add(field + ": must be a string");
                    } else {
                        List<String> problems = templates.textErrors(field, "a " + (trigger == null ? "" :
                                trigger.event()) + " playbook", known, e.getValue().asString());
                        errors.addAll(problems);
                        texts.put(e.getKey(), e.getValue().asString());
                    }
                });
            }
            steps.add(new CustomPlaybook.Step(channel, texts, offer, delay == null ? Duration.ZERO : delay));
        }
        return steps;
    }

    private static Set<String> exit(JsonNode node, List<String> errors) {
        if (node == null || node.isNull()) {
            return Set.of();
        }
        List<String> values = list(node, "exit", CustomPlaybook.EXITS, null, errors);
        return new LinkedHashSet<>(values);
    }

    private static List<String> list(JsonNode node, String field, List<String> allowed, Pattern shape,
                                     List<String> errors) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > 50) {
            errors.add(field + ": must be an array of at most 50 values");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode v = node.get(i);
            if (!v.isString()) {
                errors.add(field + "[" + i + "]: must be a string");
            } else if (allowed != null && !allowed.contains(v.asString())) {
                errors.add(field + "[" + i + "]: must be one of " + String.join(", ", allowed));
            } else if (shape != null && !shape.matcher(v.asString()).matches()) {
                errors.add(field + "[" + i + "]: not a valid value" + (shape == LANGUAGE
                        ? " (a language code such as en or ko)" : " (1-64 characters, no spaces)"));
            } else {
                values.add(v.asString());
            }
        }
        return values;
    }

    private static Duration duration(JsonNode node, String field, Duration min, Duration max, List<String> errors) {
        var parsed = node.isString() ? PlaybookValidation.duration(node.asString()) : java.util.Optional.<Duration>empty();
        if (parsed.isEmpty() || parsed.get().compareTo(min) < 0 || parsed.get().compareTo(max) > 0) {
            errors.add(field + ": must be a duration such as 2h or 3d, from " + min.toHours() + "h to "
                    + max.toDays() + "d");
            return null;
        }
        return parsed.get();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}

package dev.rebound.scoring.infra.http;

import dev.rebound.contracts.TenantId;
import dev.rebound.scoring.risk.RiskWeights;
import dev.rebound.scoring.risk.Signal;
import dev.rebound.scoring.tuning.Cadence;
import dev.rebound.scoring.tuning.Tuning;
import dev.rebound.scoring.tuning.TuningBook;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET/PUT /v1/scoring/config}: the tenant's weights, tier thresholds, cadence, activation rules and key
 * features. A PUT names only what it changes; an invalid setting is refused with the field named and changes
 * nothing. New settings apply to the next event of each customer (and to dormancy from the next look).
 */
@RestController
class ScoringConfigController {

    private static final List<String> WEIGHTS = Arrays.stream(Signal.values()).map(Signal::setting).toList();
    private static final Set<String> FIELDS = Set.of("weights", "thresholds", "inactiveAfter", "intentMemory", "cadence",
            "activation", "keyFeatures");

    private final TuningBook tunings;

    ScoringConfigController(TuningBook tunings) {
        this.tunings = tunings;
    }

    record FieldProblem(String field, String message) {}

    @GetMapping("/v1/scoring/config")
    Map<String, Object> config(TenantId tenant) {
        return view(tunings.of(tenant.value()));
    }

    @PutMapping("/v1/scoring/config")
    ResponseEntity<?> change(TenantId tenant, @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            return invalid(List.of(new FieldProblem("", "the settings must be a JSON object")));
        }
        List<FieldProblem> problems = new ArrayList<>();
        body.propertyNames().forEach(name -> {
            if (!FIELDS.contains(name)) {
                problems.add(new FieldProblem(name, "is not a scoring setting"));
            }
        });
        Tuning current = tunings.of(tenant.value());
        RiskWeights w = current.weights();
        Map<Signal, Double> points = new EnumMap<>(Signal.class);
        JsonNode weights = body.path("weights");
        if (!weights.isMissingNode()) {
            if (!weights.isObject()) {
                problems.add(new FieldProblem("weights", "must map signals to points"));
            } else {
                weights.propertyNames().forEach(name -> {
                    Signal signal = Signal.bySetting(name).orElse(null);
                    JsonNode value = weights.get(name);
                    if (signal == null) {
                        problems.add(new FieldProblem("weights." + name, "is not a signal; signals: " + WEIGHTS));
                    } else if (!value.isNumber()) {
                        problems.add(new FieldProblem("weights." + name, "must be a number of points"));
                    } else {
                        points.put(signal, value.asDouble());
                    }
                });
            }
        }
        int medium = integer(body.path("thresholds"), "medium", "thresholds.medium", w.mediumFrom(), problems);
        int high = integer(body.path("thresholds"), "high", "thresholds.high", w.highFrom(), problems);
        int critical = integer(body.path("thresholds"), "critical", "thresholds.critical", w.criticalFrom(), problems);
        Duration inactiveAfter = duration(body, "inactiveAfter", w.inactiveAfter(), problems);
        Duration intentMemory = duration(body, "intentMemory", w.intentMemory(), problems);
        Cadence cadence = current.cadence();
        if (body.has("cadence")) {
            cadence = body.get("cadence").isString() ? Cadence.parse(body.get("cadence").asString()) : null;
            if (cadence == null) {
                problems.add(new FieldProblem("cadence",
                        "must be daily, weekly, monthly or a silence of 1-365 days such as 10d"));
            }
        }
        int sessions = integer(body.path("activation"), "sessions", "activation.sessions", current.activationSessions(),
                problems);
        int features = integer(body.path("activation"), "features", "activation.features", current.activationFeatures(),
                problems);
        Set<String> keyFeatures = current.keyFeatures();
        if (body.has("keyFeatures")) {
            JsonNode list = body.get("keyFeatures");
            if (!list.isArray()) {
                problems.add(new FieldProblem("keyFeatures", "must be a list of feature names"));
            } else {
                keyFeatures = new LinkedHashSet<>();
                for (JsonNode feature : list) {
                    if (!feature.isString()) {
                        problems.add(new FieldProblem("keyFeatures", "must be a list of feature names"));
                        break;
                    }
                    keyFeatures.add(feature.asString());
                }
            }
        }
        Tuning changed = new Tuning(new RiskWeights(w.with(points).points(), inactiveAfter, intentMemory, medium, high,
                critical), cadence != null ? cadence : current.cadence(), sessions, features, keyFeatures);
        // every problem at once: what did not parse, and what parsed but is out of bounds
        Set<String> named = new java.util.HashSet<>(problems.stream().map(FieldProblem::field).toList());
        changed.problems().stream().filter(p -> !named.contains(p.field()))
                .forEach(p -> problems.add(new FieldProblem(p.field(), p.message())));
        if (!problems.isEmpty()) {
            return invalid(problems);
        }
        List<Tuning.Problem> refused = tunings.change(tenant.value(), changed);
        if (!refused.isEmpty()) {
            return invalid(refused.stream().map(p -> new FieldProblem(p.field(), p.message())).toList());
        }
        return ResponseEntity.ok(view(changed));
    }

    private static Map<String, Object> view(Tuning t) {
        RiskWeights w = t.weights();
        Map<String, Object> weights = new LinkedHashMap<>();
        for (Signal signal : Signal.values()) {
            weights.put(signal.setting(), w.of(signal));
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("weights", weights);
        view.put("thresholds", Map.of("medium", w.mediumFrom(), "high", w.highFrom(), "critical", w.criticalFrom()));
        view.put("inactiveAfter", w.inactiveAfter().toString());
        view.put("intentMemory", w.intentMemory().toString());
        view.put("cadence", t.cadence().name());
        view.put("dormantAfter", t.cadence().dormantAfter().toString());
        view.put("activation", Map.of("sessions", t.activationSessions(), "features", t.activationFeatures()));
        view.put("keyFeatures", t.keyFeatures().stream().sorted().toList());
        return view;
    }

    private static int integer(JsonNode parent, String name, String field, int current, List<FieldProblem> problems) {
        JsonNode node = parent.path(name);
        if (node.isMissingNode()) {
            return current;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            problems.add(new FieldProblem(field, "must be a whole number"));
            return current;
        }
        return node.asInt();
    }

    private static Duration duration(JsonNode body, String field, Duration current, List<FieldProblem> problems) {
        if (!body.has(field)) {
            return current;
        }
        JsonNode node = body.get(field);
        try {
            if (node.isString()) {
                return DurationStyle.detectAndParse(node.asString());
            }
        } catch (RuntimeException e) {
            // reported below
        }
        problems.add(new FieldProblem(field, "must be a duration such as 14d or P14D"));
        return current;
    }

    private static ResponseEntity<?> invalid(List<FieldProblem> problems) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid_config", "errors", problems));
    }
}

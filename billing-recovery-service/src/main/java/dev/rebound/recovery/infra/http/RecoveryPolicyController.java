package dev.rebound.recovery.infra.http;

import dev.rebound.contracts.TenantId;
import dev.rebound.recovery.decline.DeclineClass;
import dev.rebound.recovery.retry.CardNetworkLimits;
import dev.rebound.recovery.retry.PolicyBook;
import dev.rebound.recovery.retry.RetryPolicy;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET/PUT /v1/recovery/policy}: the tenant's retry policy. A PUT names only what it changes; every field is
 * checked and an invalid policy is refused with each bad field named, changing nothing. The card networks'
 * limits are shown and can only be tightened.
 */
@RestController
class RecoveryPolicyController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final PolicyBook policies;

    RecoveryPolicyController(PolicyBook policies) {
        this.policies = policies;
    }

    record PolicyView(String dunningWindow, int maxAttempts, String retryTime, String zone,
                      int maxRetriesPerCardIn30Days, Map<String, List<String>> schedule, String networkLimits) {

        static PolicyView of(RetryPolicy p) {
            Map<String, List<String>> schedule = new LinkedHashMap<>();
            p.effectiveSchedule().forEach((c, offsets) -> schedule.put(c.name().toLowerCase(Locale.ROOT),
                    offsets.stream().map(Duration::toString).toList()));
            return new PolicyView(p.dunningWindow().toString(), p.maxAttempts(), p.retryTime().toString(),
                    p.zone().getId(), p.maxRetriesPerCardIn30Days(), schedule, CardNetworkLimits.VERSION);
        }
    }

    record FieldProblem(String field, String message) {}

    @GetMapping("/v1/recovery/policy")
    PolicyView policy(TenantId tenant) {
        return PolicyView.of(policies.policy(tenant.value()));
    }

    @PutMapping("/v1/recovery/policy")
    ResponseEntity<?> change(TenantId tenant, @RequestBody JsonNode body) {
        List<FieldProblem> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return invalid(List.of(new FieldProblem("", "the policy must be a JSON object")));
        }
        RetryPolicy current = policies.policy(tenant.value());
        for (String name : body.propertyNames()) {
            if (!List.of("dunningWindow", "maxAttempts", "retryTime", "zone", "maxRetriesPerCardIn30Days", "schedule",
                    "networkLimits").contains(name)) {
                problems.add(new FieldProblem(name, "is not a policy field"));
            }
        }
        Duration window = duration(body, "dunningWindow", current.dunningWindow(), problems);
        int maxAttempts = integer(body, "maxAttempts", current.maxAttempts(), problems);
        LocalTime retryTime = current.retryTime();
        if (body.has("retryTime")) {
            try {
                retryTime = LocalTime.parse(body.get("retryTime").asString(""));
            } catch (RuntimeException e) {
                problems.add(new FieldProblem("retryTime", "must be a local time such as 10:00"));
            }
        }
        ZoneId zone = current.zone();
        if (body.has("zone")) {
            try {
                zone = ZoneId.of(body.get("zone").asString(""));
            } catch (RuntimeException e) {
                problems.add(new FieldProblem("zone", "must be a time zone such as Europe/Berlin"));
            }
        }
        int perCard = integer(body, "maxRetriesPerCardIn30Days", current.maxRetriesPerCardIn30Days(), problems);
        Map<DeclineClass, List<Duration>> schedule = new EnumMap<>(DeclineClass.class);
        schedule.putAll(current.schedule());
        JsonNode offsets = body.get("schedule");
        if (offsets != null) {
            if (!offsets.isObject()) {
                problems.add(new FieldProblem("schedule", "must map decline classes to lists of offsets"));
            } else {
                for (String name : offsets.propertyNames()) {
                    readOffsets(name, offsets.get(name), schedule, problems);
                }
            }
        }
        if (!problems.isEmpty()) {
            return invalid(problems);
        }
        RetryPolicy changed = new RetryPolicy(window, maxAttempts, retryTime, zone, perCard, schedule);
        List<RetryPolicy.Problem> invalid = policies.change(tenant.value(), changed);
        if (!invalid.isEmpty()) {
            return invalid(invalid.stream().map(p -> new FieldProblem(p.field(), p.message())).toList());
        }
        return ResponseEntity.ok(PolicyView.of(changed));
    }

    private static void readOffsets(String name, JsonNode list, Map<DeclineClass, List<Duration>> schedule,
                                    List<FieldProblem> problems) {
        String field = "schedule." + name;
        DeclineClass declineClass;
        try {
            declineClass = DeclineClass.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(field, "is not a decline class"));
            return;
        }
        if (list == null || !list.isArray()) {
            problems.add(new FieldProblem(field, "must be a list of offsets such as [\"2d\", \"5d\"]"));
            return;
        }
        List<Duration> parsed = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Duration offset = parseDuration(list.get(i));
            if (offset == null) {
                problems.add(new FieldProblem(field + "[" + i + "]", "must be a duration such as 6h, 2d or P2D"));
                return;
            }
            parsed.add(offset);
        }
        schedule.put(declineClass, parsed);
    }

    private static Duration duration(JsonNode body, String field, Duration current, List<FieldProblem> problems) {
        if (!body.has(field)) {
            return current;
        }
        Duration parsed = parseDuration(body.get(field));
        if (parsed == null) {
            problems.add(new FieldProblem(field, "must be a duration such as 21d or P21D"));
            return current;
        }
        return parsed;
    }

    private static Duration parseDuration(JsonNode node) {
        if (node == null || !node.isString()) {
            return null;
        }
        try {
            return DurationStyle.detectAndParse(node.asString());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int integer(JsonNode body, String field, int current, List<FieldProblem> problems) {
        if (!body.has(field)) {
            return current;
        }
        JsonNode node = body.get(field);
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            problems.add(new FieldProblem(field, "must be a whole number"));
            return current;
        }
        return node.asInt();
    }

    private static ResponseEntity<?> invalid(List<FieldProblem> problems) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid_policy", "errors", problems));
    }
}

package dev.rebound.scoring.infra.http;

import dev.rebound.scoring.profile.ProfileStore;
import dev.rebound.contracts.TenantId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.regex.Pattern;

/** {@code GET /v1/customers/{id}}: profile, risk with reasons, lifecycle stage. */
@RestController
class CustomersController {

    /** The same rule the event schema applies to {@code subject}: no operators, no whitespace. */
    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}");

    private final ProfileStore profiles;

    CustomersController(ProfileStore profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/v1/customers/{id}")
    ResponseEntity<?> customer(@PathVariable String id, TenantId tenant) {
        if (!CUSTOMER_ID.matcher(id).matches()) {
            return ResponseEntity.badRequest().body(Map.of("error", "bad_customer_id",
                    "message", "a customer id is 1-128 letters, digits or ._:@/+=- and starts with a letter or digit"));
        }
        return profiles.find(tenant.value(), id)
                .<ResponseEntity<?>>map(profile -> ResponseEntity.ok(CustomerView.of(profile)))
                .orElseGet(() -> ResponseEntity.status(404).body(Map.of("error", "not_found",
                        "message", "no events seen for customer " + id)));
    }
}

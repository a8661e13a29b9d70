package dev.rebound.scoring.infra.http;

import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.RiskReason;
import dev.rebound.contracts.data.RiskTier;
import dev.rebound.scoring.listing.CustomerListing;
import dev.rebound.scoring.profile.ProfileStore;
import dev.rebound.scoring.segments.SegmentStore;
import dev.rebound.scoring.segments.ValueSegment;
import dev.rebound.scoring.tuning.TuningBook;
import dev.rebound.contracts.TenantId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/customers/{id}}: profile, risk with reasons, lifecycle stage. {@code GET /v1/customers}: the
 * tenant's customers by tier and stage, highest risk (or MRR, or lifetime value) first, a page at a time.
 */
@RestController
class CustomersController {

    /** The same rule the event schema applies to {@code subject}: no operators, no whitespace. */
    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}");

    private final ProfileStore profiles;
    private final CustomerListing listing;
    private final SegmentStore segments;
    private final TuningBook tunings;

    CustomersController(ProfileStore profiles, CustomerListing listing, SegmentStore segments, TuningBook tunings) {
        this.profiles = profiles;
        this.listing = listing;
        this.segments = segments;
        this.tunings = tunings;
    }

    record ListedCustomer(String customerId, LifecycleStage stage, RiskTier tier, int score, List<RiskReason> topReasons,
                          String plan, long mrr, String currency, long lifetimeValue, long engagement,
                          long averageOrderValue) {}

    @GetMapping("/v1/customers")
    ResponseEntity<?> list(TenantId tenant, @RequestParam(required = false) String tier,
                           @RequestParam(required = false) String stage,
                           @RequestParam(required = false) String segment,
                           @RequestParam(defaultValue = "risk") String sort,
                           @RequestParam(defaultValue = "0") String page,
                           @RequestParam(defaultValue = "50") String size) {
        CustomerListing.Filter filter;
        try {
            ValueSegment inSegment = parse(ValueSegment.class, "segment", segment);
            long segmentFrom = inSegment == null ? 0 : segments.thresholds(tenant.value())
                    .map(t -> t.from().getOrDefault(inSegment, Long.MAX_VALUE)).orElse(Long.MAX_VALUE);
            filter = new CustomerListing.Filter(tenant.value(), parse(RiskTier.class, "tier", tier),
                    parse(LifecycleStage.class, "stage", stage), inSegment, segmentFrom,
                    parse(CustomerListing.SortBy.class, "sort", sort), number("page", page), number("size", size));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "bad_parameter", "message", e.getMessage()));
        }
        CustomerListing.Page found = listing.list(filter);
        List<ListedCustomer> customers = found.customers().stream().map(p -> new ListedCustomer(p.customerId(),
                p.stage(), p.riskTier(), p.riskScore(), p.riskReasons().stream().limit(3).toList(), p.plan(), p.mrr(),
                p.currency(), p.lifetimeValue(), p.engagement(), p.averageOrderValue())).toList();
        return ResponseEntity.ok(Map.of("page", filter.page(), "size", filter.size(), "total", found.total(),
                "customers", customers));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            if (type == CustomerListing.SortBy.class) {
                return type.cast(CustomerListing.SortBy.RISK);
            }
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(name + " must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }

    @GetMapping("/v1/customers/{id}")
    ResponseEntity<?> customer(@PathVariable String id, TenantId tenant) {
        if (!CUSTOMER_ID.matcher(id).matches()) {
            return ResponseEntity.badRequest().body(Map.of("error", "bad_customer_id",
                    "message", "a customer id is 1-128 letters, digits or ._:@/+=- and starts with a letter or digit"));
        }
        var thresholds = segments.thresholds(tenant.value());
        return profiles.find(tenant.value(), id)
                .<ResponseEntity<?>>map(profile -> ResponseEntity.ok(CustomerView.of(profile,
                        thresholds.map(t -> t.segmentsOf(profile)).orElse(java.util.Set.of()),
                        tunings.of(tenant.value()))))
                .orElseGet(() -> ResponseEntity.status(404).body(Map.of("error", "not_found",
                        "message", "no events seen for customer " + id)));
    }
}

package dev.rebound.recovery.infra.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.rebound.recovery.decline.DeclineClass;
import dev.rebound.recovery.retry.RetryPlanner;
import dev.rebound.recovery.retry.RetryPolicy;

/**
 * @param dunningWindow             after the first failure, how long retries may go on before the invoice is exhausted
 * @param maxRetriesPerCardIn30Days the tenant's own limit of retries per card in 30 days; it can only tighten the
 *                                  card networks' limits (at most 15, Visa's)
 * @param retryTime                 local time of day for day-scale retries
 * @param retryZone                 zone of {@code retryTime}
 * @param retryInterval             how often due retries are looked for
 * @param retryLease                how long one instance holds a retry it is charging
 * @param windowCheck               how often recoveries whose dunning window ended are exhausted
 * @param maxAttempts               the most retries of one invoice (default policy)
 * @param policyRefresh             how soon a tenant's policy changed on another instance applies here
 * @param gateway                   the payment gateway
 * @param schedule                  retry offsets from the first failure, per retryable decline class
 *                                  (insufficient-funds, processing-error, issuer-decline); unset classes keep the defaults
 */
@Validated
@ConfigurationProperties("rebound.recovery")
public record RecoveryProperties(@DefaultValue("21d") Duration dunningWindow,
                                 @Min(1) @Max(15) @DefaultValue("15") int maxRetriesPerCardIn30Days,
                                 @DefaultValue("10:00") LocalTime retryTime,
                                 @DefaultValue("UTC") ZoneId retryZone,
                                 @DefaultValue("1s") Duration retryInterval,
                                 @DefaultValue("2m") Duration retryLease,
                                 @DefaultValue("1m") Duration windowCheck,
                                 @Min(1) @Max(15) @DefaultValue("15") int maxAttempts,
                                 @DefaultValue("10s") Duration policyRefresh,
                                 @DefaultValue Gateway gateway,
                                 Map<DeclineClass, List<Duration>> schedule) {

    public RecoveryProperties {
        Map<DeclineClass, List<Duration>> merged = new EnumMap<>(RetryPlanner.defaultOffsets());
        if (schedule != null) {
            merged.putAll(schedule);
        }
        schedule = Map.copyOf(merged);
    }

    /** The policy of every tenant that has not set its own ({@code GET/PUT /v1/recovery/policy}). */
    public RetryPolicy defaultPolicy() {
        Map<DeclineClass, List<Duration>> overrides = new EnumMap<>(DeclineClass.class);
        overrides.putAll(schedule);
        return new RetryPolicy(dunningWindow, maxAttempts, retryTime, retryZone, maxRetriesPerCardIn30Days, overrides);
    }

    /**
     * @param baseUrl     Stripe ({@code https://api.stripe.com}) or the simulator
     * @param secretKey   the gateway's secret API key
     * @param readTimeout longest wait for one gateway answer
     */
    public record Gateway(@NotBlank @DefaultValue("https://api.stripe.com") String baseUrl,
                          @NotBlank String secretKey,
                          @DefaultValue("10s") Duration readTimeout) {}
}

package dev.rebound.scoring.infra.config;

import dev.rebound.scoring.tuning.Cadence;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param activationSessions sessions after which an onboarding customer counts as ACTIVE
 * @param activationFeatures distinct features used after which an onboarding customer counts as ACTIVE
 * @param cadence            how often customers are expected to use the product (daily, weekly, monthly): how long
 *                           a silence makes one dormant (7, 21 or 60 days)
 * @param dormancyCheck      how often the dormancy detector looks for customers silent past the cadence
 * @param tuningRefresh      how soon settings changed on another instance apply here
 * @param segmentsRefresh    how often each tenant's value-segment thresholds are recomputed (also at start)
 */
@Validated
@ConfigurationProperties("rebound.scoring")
public record ScoringProperties(@Min(1) @DefaultValue("3") int activationSessions,
                                @Min(1) @DefaultValue("2") int activationFeatures,
                                @NotNull @DefaultValue("weekly") Cadence cadence,
                                @NotNull @DefaultValue("1m") Duration dormancyCheck,
                                @NotNull @DefaultValue("10s") Duration tuningRefresh,
                                @NotNull @DefaultValue("10m") Duration segmentsRefresh) {
}

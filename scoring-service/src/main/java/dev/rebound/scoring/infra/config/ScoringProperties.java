package dev.rebound.scoring.infra.config;

import dev.rebound.scoring.tuning.Cadence;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param activationSessions sessions after which an onboarding customer counts as ACTIVE
 * @param activationFeatures distinct features used after which an onboarding customer counts as ACTIVE
 * @param cadence            how often customers are expected to use the product (daily, weekly, monthly, or a
 *                           silence such as 10d): how long a silence makes one dormant (7, 21, 60 or the days named)
 * @param dormancyCheck      how often the dormancy detector looks for customers silent past the cadence
 * @param tuningRefresh      how soon settings changed on another instance apply here
 * @param segmentsRefresh    how often each tenant's value-segment thresholds are recomputed (also at start)
 * @param modelShare         how much of the risk score an active churn model decides (0: the weights alone; 1: the
 *                           model replaces them)
 * @param modelTraining      how often every tenant's churn model is trained again (on demand too)
 * @param watermarkQuiet     how long after a tenant's events stop arriving its silences are judged at the wall clock
 *                           instead of its latest event time
 * @param customerCount      how often the customer-base gauges are recounted (one aggregation over every profile)
 */
@Validated
@ConfigurationProperties("rebound.scoring")
public record ScoringProperties(@Min(1) @DefaultValue("3") int activationSessions,
                                @Min(1) @DefaultValue("2") int activationFeatures,
                                @NotNull @DefaultValue("weekly") String cadence,
                                @NotNull @DefaultValue("1m") Duration dormancyCheck,
                                @NotNull @DefaultValue("10s") Duration tuningRefresh,
                                @NotNull @DefaultValue("10m") Duration segmentsRefresh,
                                @DecimalMin("0") @DecimalMax("1") @DefaultValue("0.5") double modelShare,
                                @NotNull @DefaultValue("24h") Duration modelTraining,
                                @NotNull @DefaultValue("10m") Duration watermarkQuiet,
                                @NotNull @DefaultValue("1m") Duration customerCount) {

    public ScoringProperties {
        if (cadence != null && Cadence.parse(cadence) == null) {
            throw new IllegalArgumentException("rebound.scoring.cadence must be daily, weekly, monthly or a silence of "
                    + "1-365 days such as 10d, not '" + cadence + "'");
        }
    }

    public Cadence defaultCadence() {
        return Cadence.parse(cadence);
    }
}

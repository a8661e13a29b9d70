package dev.rebound.scoring.infra.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param activationSessions sessions after which an onboarding customer counts as ACTIVE
 * @param activationFeatures distinct features used after which an onboarding customer counts as ACTIVE
 * @param outboxSweep        how often undelivered output events are retried
 */
@Validated
@ConfigurationProperties("rebound.scoring")
public record ScoringProperties(@Min(1) @DefaultValue("3") int activationSessions,
                                @Min(1) @DefaultValue("2") int activationFeatures,
                                @DefaultValue("2s") Duration outboxSweep) {
}

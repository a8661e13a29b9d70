package dev.rebound.outbox;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param sweep      how often this instance looks again after one of its deliveries failed
 * @param fullSweep  how often every outbox is searched, for what a dead instance left behind (also on start)
 * @param ackTimeout how long a delivery waits for the broker's acknowledgements
 */
@Validated
@ConfigurationProperties("rebound.outbox")
public record OutboxProperties(@NotNull @DefaultValue("2s") Duration sweep,
                               @NotNull @DefaultValue("5m") Duration fullSweep,
                               @NotNull @DefaultValue("10s") Duration ackTimeout) {}

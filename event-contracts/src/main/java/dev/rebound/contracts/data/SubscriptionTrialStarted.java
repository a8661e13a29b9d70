package dev.rebound.contracts.data;

import java.time.Instant;

/** subscription.trial_started */
public record SubscriptionTrialStarted(String plan, Instant trialEndsAt) implements EventData {}

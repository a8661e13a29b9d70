package dev.rebound.contracts.data;

/** subscription.changed — upgrade, downgrade or seat change. */
public record SubscriptionChanged(String fromPlan, String toPlan, long mrrBefore, long mrrAfter, String currency,
                                  Integer seatsBefore, Integer seatsAfter) implements EventData {}

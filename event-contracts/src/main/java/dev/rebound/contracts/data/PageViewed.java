package dev.rebound.contracts.data;

/** page.viewed — pages such as cancel, pricing, downgrade, billing signal intent. */
public record PageViewed(String page) implements EventData {}

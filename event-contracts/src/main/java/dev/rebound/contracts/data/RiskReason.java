package dev.rebound.contracts.data;

/** One named signal and how many points it contributed to the score. */
public record RiskReason(String signal, double contribution, String detail) {}

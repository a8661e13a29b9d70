package dev.rebound.contracts.data;

/** Risk tiers, lowest first. */
public enum RiskTier { LOW, MEDIUM, HIGH, CRITICAL }

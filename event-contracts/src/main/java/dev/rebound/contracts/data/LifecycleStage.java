package dev.rebound.contracts.data;

/** Lifecycle stage of a customer, as scoring sees it. */
public enum LifecycleStage { TRIAL, ONBOARDING, ACTIVE, AT_RISK, DORMANT, PAST_DUE, CHURNED, REACTIVATED }

package dev.rebound.contracts.data;

/** account.champion_left */
public record AccountChampionLeft(String contact) implements EventData {}

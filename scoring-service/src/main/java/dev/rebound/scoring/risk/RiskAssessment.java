package dev.rebound.scoring.risk;

import dev.rebound.contracts.data.RiskReason;
import dev.rebound.contracts.data.RiskTier;

import java.util.List;

/** A score, its tier and the reasons, largest contribution first. */
public record RiskAssessment(int score, RiskTier tier, List<RiskReason> reasons) {}

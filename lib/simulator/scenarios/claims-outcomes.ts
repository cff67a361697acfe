import type { ServedConfig } from "../config-client";

export type ClaimOutcome = "approved" | "rejected" | "info_requested" | "escalated" | "failed";

// How the claims agent decides depends on the claims guidelines its version reads (the knowledge base
// of the served bundle). The guidelines 2025-11 (v1–v3) approve about 85% of the claims the agent
// handles; 2026-03 (v4) rewrote the wear-and-tear and storm clauses and settles more claims without
// extra documents: about 91%. The demo's drift story (issue 12) is this step in outcome_rate:approved.
// 2027-01-draft is a draft that dropped the maintenance exclusion: it approves nearly every claim, the
// regression the demo's gating suite catches (issue 13).
// Shares of the agent's tasks (traces); each row sums to 1.
const outcomeShares: Record<string, Record<ClaimOutcome, number>> = {
  "2025-11": { approved: 0.85, rejected: 0.06, info_requested: 0.04, escalated: 0.035, failed: 0.015 },
  "2026-03": { approved: 0.91, rejected: 0.035, info_requested: 0.015, escalated: 0.03, failed: 0.01 },
  "2027-01-draft": { approved: 0.98, rejected: 0.005, info_requested: 0.005, escalated: 0.005, failed: 0.005 },
};
const FALLBACK_GUIDELINES = "2025-11";

export function claimOutcomeShares(config: Pick<ServedConfig, "knowledgeBase">): Record<ClaimOutcome, number> {
  const guidelines = config.knowledgeBase?.version ?? FALLBACK_GUIDELINES;
  return outcomeShares[guidelines] ?? outcomeShares[FALLBACK_GUIDELINES];
}

// roll in [0, 1): the outcome whose cumulative share first exceeds it.
export function claimOutcome(config: Pick<ServedConfig, "knowledgeBase">, roll: number): ClaimOutcome {
  const shares = Object.entries(claimOutcomeShares(config)) as [ClaimOutcome, number][];
  let cumulative = 0;
  for (const [outcome, share] of shares) {
    cumulative += share;
    if (roll < cumulative) return outcome;
  }
  return shares[0][0];
}

import type { GuardReason, GuardVerdict } from "./schemas";

// What an agent reads about one decision (GET /api/v1/guard/decisions/{id}).

export type DecisionRow = {
  id: string;
  verdict: GuardVerdict;
  status: "pending" | "decided" | "expired";
  reasons: unknown;
  expiresAt: Date | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  finalVerdict: GuardVerdict | null;
  // Set when the system, not a reviewer, decided (agent_paused).
  finalReasons: unknown;
  version: string | null;
};

export type DecisionView = {
  decisionId: string;
  verdict: GuardVerdict;
  reasons: GuardReason[];
  expiresAt?: string;
  decidedAt?: string;
  note?: string;
  version?: string;
};

export const decisionRowSelect = {
  id: true,
  verdict: true,
  status: true,
  reasons: true,
  expiresAt: true,
  decidedAt: true,
  decisionNote: true,
  finalVerdict: true,
  finalReasons: true,
  version: true,
} as const;

export function toDecisionView(row: DecisionRow): DecisionView {
  const base = {
    decisionId: row.id,
    ...(row.expiresAt ? { expiresAt: row.expiresAt.toISOString() } : {}),
    ...(row.version ? { version: row.version } : {}),
  };
  const reasons = row.reasons as GuardReason[];
  if (row.verdict !== "hold") return { ...base, verdict: row.verdict, reasons };
  if (row.status === "pending") return { ...base, verdict: "hold", reasons };
  if (row.status === "expired") {
    return { ...base, verdict: "deny", reasons: [{ code: "approval_expired", message: "No reviewer decided before the hold expired" }] };
  }
  const verdict = row.finalVerdict ?? "deny";
  const systemReasons = Array.isArray(row.finalReasons) && row.finalReasons.length > 0 ? (row.finalReasons as GuardReason[]) : null;
  return {
    ...base,
    verdict,
    reasons: systemReasons ?? (verdict === "allow" ? [] : [{ code: "approval_required", message: "A reviewer denied the held action" }]),
    ...(row.decidedAt ? { decidedAt: row.decidedAt.toISOString() } : {}),
    ...(row.decisionNote ? { note: row.decisionNote } : {}),
  };
}

import type { GuardReason, GuardVerdict } from "./schemas";
import type { DecidingRule, PolicyScopeVersion } from "./deciding-rule";
import type { StoredGuardRequest } from "./stored-request";

// How a stored guard decision is shown next to the trace or session it gated. Client-safe: types and
// pure mapping only.

/**
 * Where a decision ended up: allow / deny as the guard answered, or for a hold: pending (waiting for a
 * reviewer), approved / rejected (a reviewer decided), expired (nobody decided in time: deny).
 */
export type GuardOutcome = "allow" | "deny" | "pending" | "approved" | "rejected" | "expired";

/** The agent's request as the decision log keeps it (read through lib/guard/stored-request.ts). */
export type GuardDecisionRequest = StoredGuardRequest;

export type TraceDecision = {
  decisionId: string;
  agent: { slug: string };
  sessionId: string;
  traceId: string | null;
  spanId: string | null;
  check: string;
  workflow: string | null;
  decisionType: string | null;
  /** The guard's answer when asked (hold for held actions). */
  verdict: GuardVerdict;
  status: "pending" | "decided" | "expired";
  /** allow or deny once a held action was decided or expired; null otherwise. */
  finalVerdict: GuardVerdict | null;
  outcome: GuardOutcome;
  reasons: GuardReason[];
  request: GuardDecisionRequest;
  policyVersion: string | null;
  /** The agent version that asked (label), null when unknown. */
  version: string | null;
  latencyMs: number;
  createdAt: string;
  expiresAt: string | null;
  decidedAt: string | null;
  decidedBy: { name: string; email: string } | null;
  note: string | null;
};

export type DecisionOutcomeRow = {
  verdict: GuardVerdict;
  status: string;
  finalVerdict: GuardVerdict | null;
  expiresAt: Date | null;
};

// A pending hold past its expiry is a deny even before anyone polls it (the agent's poll records that).
export function outcomeOf(row: DecisionOutcomeRow, now: number = Date.now()): { outcome: GuardOutcome; finalVerdict: GuardVerdict | null } {
  if (row.verdict !== "hold") return { outcome: row.verdict, finalVerdict: null };
  if (row.status === "decided") return row.finalVerdict === "allow" ? { outcome: "approved", finalVerdict: "allow" } : { outcome: "rejected", finalVerdict: "deny" };
  if (row.status === "expired" || (row.expiresAt && row.expiresAt.getTime() <= now)) return { outcome: "expired", finalVerdict: "deny" };
  return { outcome: "pending", finalVerdict: null };
}

// The outcome that matters most when one span has several decisions: anything blocked or waiting
// outranks an allow.
const severity: Record<GuardOutcome, number> = { deny: 5, rejected: 4, expired: 3, pending: 2, approved: 1, allow: 0 };

export function mostSevere(decisions: Pick<TraceDecision, "outcome">[]): GuardOutcome | null {
  let worst: GuardOutcome | null = null;
  for (const { outcome } of decisions) if (worst === null || severity[outcome] > severity[worst]) worst = outcome;
  return worst;
}

// Decisions grouped by the span they gated; those without a span, or naming a span the trace does not
// have (yet), are trace-level.
export function groupBySpan<T extends Pick<TraceDecision, "spanId">>(decisions: T[], spanIds: Iterable<string>): { bySpan: Map<string, T[]>; traceLevel: T[] } {
  const known = new Set(spanIds);
  const bySpan = new Map<string, T[]>();
  const traceLevel: T[] = [];
  for (const decision of decisions) {
    // Span ids are stored as lowercase hex; an agent may have sent them in capitals.
    const spanId = decision.spanId?.toLowerCase();
    if (spanId && known.has(spanId)) bySpan.set(spanId, [...(bySpan.get(spanId) ?? []), decision]);
    else traceLevel.push(decision);
  }
  return { bySpan, traceLevel };
}

/**
 * How a decision was placed on a replay step, most exact first: `span` (it named the step's span),
 * `time` (same trace, placed by its time against the steps' spans), `trace` (same trace, nothing
 * closer: shown on the turn's first step).
 */
export type StepLink = "span" | "time" | "trace";

/** A decision on a replay step: where it was placed, which rule decided and which policy scopes applied. */
export type StepDecision = TraceDecision & { link: StepLink; rule: DecidingRule; policyScopes: PolicyScopeVersion[] };

import type { GuardReason, GuardVerdict } from "./schemas";

// The decision log's rows, written by lib/guard/guard-writes.ts: every guard call stores its decision
// before it answers, and concurrent calls' decisions go as one multi-row INSERT.

export type DecisionRecord = {
  id: string;
  agentId: string;
  teamId: string;
  sessionId: string;
  traceId: string | null;
  spanId: string | null;
  check: string;
  workflow: string | null;
  decisionType: string | null;
  verdict: GuardVerdict;
  status: "pending" | "decided";
  reasons: GuardReason[];
  request: unknown;
  policyVersion: string | null;
  version: string | null; // as the call named it; null: the session's served version is looked up on insert
  latencyMs: number;
  expiresAt: Date | null;
  createdAt: Date;
};

// The columns of decisionRows' JSON, for jsonb_to_recordset(...) AS r(${DECISION_COLUMNS}).
export const DECISION_COLUMNS = `id uuid, agent_id uuid, team_id uuid, session_id text, trace_id text, span_id text,
  "check" text, workflow text, decision_type text, verdict text, status text, reasons jsonb, request jsonb,
  policy_version text, latency_ms float8, expires_at timestamptz, created_at timestamptz, version text`;

// Inserts the decision rows of `source`, a FROM item named r with DECISION_COLUMNS. A decision whose
// call named no version gets the one the config call served its session (version_sessions), in the
// same statement (a primary-key probe, only for calls that named none): no separate round trip.
export const insertDecisionsSql = (source: string) => `
INSERT INTO guard_decisions (id, agent_id, team_id, session_id, trace_id, span_id, "check", workflow, decision_type,
  verdict, status, reasons, request, policy_version, latency_ms, expires_at, created_at, version)
SELECT r.id, r.agent_id, r.team_id, r.session_id, r.trace_id, r.span_id, r."check", r.workflow, r.decision_type,
  r.verdict::"GuardVerdict", r.status::"GuardDecisionStatus", r.reasons, r.request, r.policy_version, r.latency_ms,
  r.expires_at, r.created_at,
  COALESCE(r.version, (SELECT vs.label FROM version_sessions vs WHERE vs.agent_id = r.agent_id AND vs.session_id = r.session_id))
FROM ${source}`;

export function decisionRows(records: DecisionRecord[]) {
  return records.map((record) => ({
    id: record.id,
    agent_id: record.agentId,
    team_id: record.teamId,
    session_id: record.sessionId,
    trace_id: record.traceId,
    span_id: record.spanId,
    check: record.check,
    workflow: record.workflow,
    decision_type: record.decisionType,
    verdict: record.verdict,
    status: record.status,
    reasons: record.reasons,
    request: record.request,
    policy_version: record.policyVersion,
    version: record.version,
    latency_ms: record.latencyMs,
    expires_at: record.expiresAt?.toISOString() ?? null,
    created_at: record.createdAt.toISOString(),
  }));
}

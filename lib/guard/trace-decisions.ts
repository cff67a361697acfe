import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { assertVisible, notVisible } from "../auth/team-access";
import { notFound } from "../errors/app-error";
import { traceIdSchema } from "../traces/schemas";
import { outcomeOf, type TraceDecision } from "./guard-decision-view";
import type { GuardReason, GuardVerdict } from "./schemas";
import { readStoredRequest } from "./stored-request";

/** A looping agent can ask thousands of times in one trace; beyond this the earliest are shown. */
export const TRACE_DECISION_LIMIT = 1000;

export const decisionSelect = {
  id: true,
  agentId: true,
  sessionId: true,
  traceId: true,
  spanId: true,
  check: true,
  workflow: true,
  decisionType: true,
  verdict: true,
  status: true,
  finalVerdict: true,
  reasons: true,
  request: true,
  policyVersion: true,
  version: true,
  latencyMs: true,
  createdAt: true,
  expiresAt: true,
  decidedAt: true,
  decidedById: true,
  decisionNote: true,
} as const;

type DecisionRow = Awaited<ReturnType<ReturnType<typeof db>["guardDecision"]["findMany"]>>[number];

export type TraceDecisions = { decisions: TraceDecision[]; truncated: boolean };

// The guard decisions an agent asked for with this trace id, oldest first. Scoped like the trace: 404
// when it does not exist or belongs to another team. Only decisions of the trace's own team
// count, so an agent of another team cannot plant decisions on it by sending its trace id.
export async function listTraceDecisions(principal: Principal, rawTraceId: string): Promise<TraceDecisions> {
  assertCan(principal, "traces:read");
  const traceId = traceIdSchema.parse(rawTraceId).toLowerCase();
  const trace = await db().trace.findUnique({ where: { traceId }, select: { teamId: true } });
  if (!trace) throw notVisible(`Trace "${traceId}"`);
  assertVisible(principal, trace.teamId, `Trace "${traceId}"`);
  const rows = await db().guardDecision.findMany({
    // Trace ids are stored lowercase; agents may send them in capitals (both forms use the trace_id index).
    where: { traceId: { in: [...new Set([traceId, traceId.toUpperCase()])] }, teamId: trace.teamId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: TRACE_DECISION_LIMIT + 1,
    select: decisionSelect,
  });
  return { decisions: await toTraceDecisions(rows.slice(0, TRACE_DECISION_LIMIT)), truncated: rows.length > TRACE_DECISION_LIMIT };
}

export async function toTraceDecisions(rows: Pick<DecisionRow, keyof typeof decisionSelect>[]): Promise<TraceDecision[]> {
  if (rows.length === 0) return [];
  const agentIds = [...new Set(rows.map((row) => row.agentId))];
  const reviewerIds = [...new Set(rows.flatMap((row) => (row.decidedById ? [row.decidedById] : [])))];
  const [agents, reviewers] = await Promise.all([
    db().agent.findMany({ where: { id: { in: agentIds } }, select: { id: true, slug: true } }),
    reviewerIds.length > 0 ? db().user.findMany({ where: { id: { in: reviewerIds } }, select: { id: true, name: true, email: true } }) : [],
  ]);
  const slugOf = new Map(agents.map((agent) => [agent.id, agent.slug]));
  const reviewerOf = new Map(reviewers.map((user) => [user.id, { name: user.name, email: user.email }]));
  const now = Date.now();
  return rows.map((row) => {
    const { outcome, finalVerdict } = outcomeOf({ ...row, verdict: row.verdict as GuardVerdict, finalVerdict: row.finalVerdict as GuardVerdict | null }, now);
    return {
      decisionId: row.id,
      agent: { slug: slugOf.get(row.agentId) ?? "(deleted)" },
      sessionId: row.sessionId,
      traceId: row.traceId,
      spanId: row.spanId,
      check: row.check,
      workflow: row.workflow,
      decisionType: row.decisionType,
      verdict: row.verdict as GuardVerdict,
      status: row.status as TraceDecision["status"],
      finalVerdict,
      outcome,
      reasons: Array.isArray(row.reasons) ? (row.reasons as GuardReason[]) : [],
      request: readStoredRequest(row.request),
      policyVersion: row.policyVersion,
      version: row.version,
      latencyMs: row.latencyMs,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt?.toISOString() ?? null,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      decidedBy: row.decidedById ? (reviewerOf.get(row.decidedById) ?? { name: "(deleted user)", email: "" }) : null,
      note: row.decisionNote,
    };
  });
}

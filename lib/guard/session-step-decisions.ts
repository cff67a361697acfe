import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";
import type { SessionReplay } from "../traces/get-session";
import type { StepDecision } from "./guard-decision-view";
import { placeOnSteps } from "./place-on-steps";
import { decisionSelect, toTraceDecisions, TRACE_DECISION_LIMIT } from "./trace-decisions";

export type SessionGuard = { sessionLevel: StepDecision[]; truncated: boolean };
export type SessionReplayWithGuard = SessionReplay & { guard: SessionGuard };

// A replayed session (from getSession, already scoped) with the guard decisions that gated each of its
// steps: "why this route, was it allowed, under which rule and policy version". Decisions count when
// asked with the session id or one of its replayed trace ids, by an agent that ran one of its turns, of
// a team the principal sees; place-on-steps.ts decides which step each belongs to.
export async function withStepDecisions(principal: Principal, session: SessionReplay): Promise<SessionReplayWithGuard> {
  assertCan(principal, "traces:read");
  const access = teamAccess(principal);
  const agents = await db().agent.findMany({ where: { slug: { in: session.agents }, ...access.where() }, select: { id: true } });
  // Trace ids are stored lowercase; agents may send them to the guard in capitals.
  const traceIds = session.turns.flatMap((turn) => [turn.traceId, turn.traceId.toUpperCase()]);
  const rows =
    agents.length === 0
      ? []
      : await db().guardDecision.findMany({
          where: {
            agentId: { in: agents.map((agent) => agent.id) },
            ...access.where(),
            OR: [{ sessionId: session.sessionId }, { traceId: { in: [...new Set(traceIds)] } }],
          },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          take: TRACE_DECISION_LIMIT + 1,
          select: decisionSelect,
        });
  const decisions = await toTraceDecisions(rows.slice(0, TRACE_DECISION_LIMIT));
  const { turns, sessionLevel } = placeOnSteps(session.turns, decisions);
  return { ...session, turns, guard: { sessionLevel, truncated: rows.length > TRACE_DECISION_LIMIT } };
}

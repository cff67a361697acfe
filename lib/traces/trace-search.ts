import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { teamAccess, type TeamAccess } from "../auth/team-access";
import { assertCan, type Principal } from "../auth/principal";
import { TRACE_TEXT_SEARCH_MIN } from "./schemas";
import type { TraceSearchMatch } from "./trace-view";

// What the trace list's one search box means. An operator pastes whatever the incident gave them, so
// the text is tried, in this order, as
//   1. a trace id: a trace of the principal's teams with exactly this id;
//   2. a session id: a session of their teams with exactly this id;
//   3. text contained in a span's input or output (case-insensitive), through the trigram index
//      spans_text_trgm_idx (prisma/migrations/…_trace_search): `ILIKE '%…%'` on either column.
// The two id probes are index lookups; the first that answers decides, so a text that happens to be a
// session's id lists that session. Other filters still apply on top.
export type TraceSearch = { matchedAs: TraceSearchMatch; condition: Prisma.Sql };

/** A LIKE pattern that matches `text` literally anywhere (backslash is LIKE's default escape). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** The trace id `q` names exactly, if the principal may see it: the list page opens it straight away. */
export async function exactTraceMatch(principal: Principal, q: string): Promise<string | null> {
  assertCan(principal, "traces:read");
  const access = teamAccess(principal);
  const scope = access.all ? Prisma.empty : Prisma.sql`AND ${access.sql("team_id")}`;
  const [found] = await db().$queryRaw<{ trace_id: string }[]>`SELECT trace_id FROM traces WHERE trace_id = ${q.trim()} ${scope}`;
  return found?.trace_id ?? null;
}

export async function resolveTraceSearch(access: TeamAccess, q: string): Promise<TraceSearch> {
  const scope = access.all ? Prisma.empty : Prisma.sql`AND ${access.sql("team_id")}`;
  const [found] = await db().$queryRaw<{ is_trace: boolean; is_session: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM traces WHERE trace_id = ${q} ${scope}) AS is_trace,
           EXISTS (SELECT 1 FROM traces WHERE session_id = ${q} ${scope}) AS is_session`;
  if (found?.is_trace) return { matchedAs: "traceId", condition: Prisma.sql`t.trace_id = ${q}` };
  if (found?.is_session) return { matchedAs: "sessionId", condition: Prisma.sql`t.session_id = ${q}` };
  if ([...q].length < TRACE_TEXT_SEARCH_MIN) {
    const message = `No trace or session has this id; to search inputs and outputs, type at least ${TRACE_TEXT_SEARCH_MIN} characters`;
    throw new AppError("validation_failed", `Invalid input — q: ${message}`, { details: { fieldErrors: { q: [message] }, formErrors: [] } });
  }
  const pattern = containsPattern(q);
  // A semi-join the planner may run either way round: from the index's matches to their traces (a rare
  // text), or down the traces in list order probing each one's spans (a common text, first page).
  return {
    matchedAs: "text",
    condition: Prisma.sql`EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = t.trace_id AND (s.input ILIKE ${pattern} OR s.output ILIKE ${pattern}))`,
  };
}

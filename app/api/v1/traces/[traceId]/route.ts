// GET /api/v1/traces/{traceId} — one trace with all its spans, in DESIGN.md's read shape, plus the guard decisions asked with its id (session or admin key)
import { apiRoute } from "@/lib/http/route";
import { traceRoutes } from "@/lib/traces/routes";
import { listTraceDecisions } from "@/lib/guard/trace-decisions";
import { getTrace } from "@/lib/traces/get-trace";

export const GET = apiRoute(traceRoutes.get, async ({ principal, params }) => {
  const trace = await getTrace(principal, params.traceId);
  // Additive to the contract: every field of the read shape stays as it was.
  const { decisions } = await listTraceDecisions(principal, trace.traceId);
  return { ...trace, decisions };
});

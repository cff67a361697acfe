// GET /api/v1/traces/{traceId} — one trace with all its spans, in DESIGN.md's read shape (session or admin key)
import { apiRoute } from "@/lib/http/route";
import { getTrace } from "@/lib/traces/get-trace";

export const GET = apiRoute({ auth: "user" }, async ({ principal, params }) => getTrace(principal, params.traceId));

// GET /api/v1/traces — the principal's teams' traces, newest first, filtered and cursor-paginated (session or admin key)
import { apiRoute } from "@/lib/http/route";
import { listTraces } from "@/lib/traces/list-traces";
import { listTracesQuerySchema } from "@/lib/traces/schemas";

export const GET = apiRoute({ auth: "user", query: listTracesQuerySchema }, async ({ principal, query }) => listTraces(principal, query));

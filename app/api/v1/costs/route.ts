import { apiRoute } from "@/lib/http/route";
import { getCostSummary } from "@/lib/costs/cost-summary";
import { costSummaryQuerySchema } from "@/lib/costs/schemas";

// GET /api/v1/costs?period=|from=&to=&groupBy=&agent=&limit= — spend over time, cost per task per agent, top traces (session or admin key; own teams)
export const GET = apiRoute({ auth: "user", query: costSummaryQuerySchema }, async ({ principal, query }) => getCostSummary(principal, query));

import { apiRoute } from "@/lib/http/route";
import { costRoutes } from "@/lib/costs/routes";
import { getCostSummary } from "@/lib/costs/cost-summary";

// GET /api/v1/costs?period=|from=&to=&groupBy=&agent=&limit= — spend over time, cost per task per agent, top traces (session or admin key; own teams)
export const GET = apiRoute(costRoutes.summary, async ({ principal, query }) => getCostSummary(principal, query));

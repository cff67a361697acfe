import { apiRoute } from "@/lib/http/route";
import { listBudgets, listBudgetsQuerySchema } from "@/lib/budgets/list-budgets";

// GET /api/v1/budgets?agent=&alerts= — budgets of your teams with this window's spend, and recent alerts
export const GET = apiRoute({ auth: "user", query: listBudgetsQuerySchema }, async ({ principal, query }) => listBudgets(principal, query));

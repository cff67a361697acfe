import { apiRoute } from "@/lib/http/route";
import { budgetRoutes } from "@/lib/budgets/routes";
import { listBudgets } from "@/lib/budgets/list-budgets";

// GET /api/v1/budgets?agent=&alerts= — budgets of your teams with this window's spend, and recent alerts
export const GET = apiRoute(budgetRoutes.list, async ({ principal, query }) => listBudgets(principal, query));

import { apiRoute, readJson } from "@/lib/http/route";
import { budgetRoutes, TEAM_BUDGETS_BODY_LIMIT } from "@/lib/budgets/routes";
import { setTeamBudgets } from "@/lib/budgets/set-team-budgets";

// PUT /api/v1/teams/{id}/budgets — { budgets: [{ window, usd?, tokens?, onExceed?, alertAtPercent? }] } replaces a department's budgets (admins)
export const PUT = apiRoute(budgetRoutes.setForTeam, async ({ principal, params, request }) => setTeamBudgets(principal, params.id, await readJson(request, TEAM_BUDGETS_BODY_LIMIT)));

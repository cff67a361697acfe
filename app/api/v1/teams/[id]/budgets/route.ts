import { apiRoute, readJson } from "@/lib/http/route";
import { setTeamBudgets } from "@/lib/budgets/set-team-budgets";

// PUT /api/v1/teams/{id}/budgets — { budgets: [{ window, usd?, tokens?, onExceed?, alertAtPercent? }] } replaces a department's budgets (admins)
export const PUT = apiRoute({ auth: "user" }, async ({ principal, params, request }) => setTeamBudgets(principal, params.id, await readJson(request, 64 * 1024)));

import { declareRoute } from "../http/route-declaration";
import { listBudgetsQuerySchema } from "./list-budgets";
import { setTeamBudgetsSchema } from "./set-team-budgets";
import { budgetListResponseSchema, teamBudgetsResponseSchema } from "./schemas";

// The largest budgets document a team takes.
export const TEAM_BUDGETS_BODY_LIMIT = 64 * 1024;

// What the budget routes take and give (app/api/v1/budgets, app/api/v1/teams/{id}/budgets).
export const budgetRoutes = {
  list: declareRoute({
    method: "GET",
    path: "/api/v1/budgets",
    summary: "Budgets of your teams with this window's spend, and recent alerts",
    auth: "user",
    permission: "budgets:read",
    query: listBudgetsQuerySchema,
    response: budgetListResponseSchema,
  }),
  setForTeam: declareRoute({
    method: "PUT",
    path: "/api/v1/teams/{id}/budgets",
    summary: "Replace a department's budgets",
    auth: "user",
    permission: "budgets:manage",
    bodyCheckedByLib: setTeamBudgetsSchema,
    maxBodyBytes: TEAM_BUDGETS_BODY_LIMIT,
    response: teamBudgetsResponseSchema,
  }),
};

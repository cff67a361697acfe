import { apiRoute } from "@/lib/http/route";
import { teamRoutes } from "@/lib/teams/routes";
import { deleteTeam, updateTeam } from "@/lib/teams/manage-team";

// PATCH /api/v1/teams/{id} — rename or describe a team (admins)
export const PATCH = apiRoute(teamRoutes.update, async ({ principal, params, body }) => ({
  team: await updateTeam(principal, params.id, body),
}));

// DELETE /api/v1/teams/{id} — delete a team that has no agents (admins)
export const DELETE = apiRoute(teamRoutes.delete, async ({ principal, params }) => deleteTeam(principal, params.id));

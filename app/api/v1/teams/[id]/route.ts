import { apiRoute } from "@/lib/http/route";
import { deleteTeam, updateTeam } from "@/lib/teams/manage-team";
import { teamSchema } from "@/lib/teams/schemas";

// PATCH /api/v1/teams/{id} — rename or describe a team (admins)
export const PATCH = apiRoute({ auth: "user", body: teamSchema }, async ({ principal, params, body }) => ({
  team: await updateTeam(principal, params.id, body),
}));

// DELETE /api/v1/teams/{id} — delete a team that has no agents (admins)
export const DELETE = apiRoute({ auth: "user" }, async ({ principal, params }) => deleteTeam(principal, params.id));

import { apiRoute } from "@/lib/http/route";
import { listTeams } from "@/lib/teams/list-teams";
import { createTeam } from "@/lib/teams/manage-team";
import { teamSchema } from "@/lib/teams/schemas";

// GET /api/v1/teams — the caller's teams (every team for admins)
export const GET = apiRoute({ auth: "user" }, async ({ principal }) => ({ teams: await listTeams(principal) }));

// POST /api/v1/teams — create a team { name, description? } (admins)
export const POST = apiRoute({ auth: "user", body: teamSchema, status: 201 }, async ({ principal, body }) => ({
  team: await createTeam(principal, body),
}));

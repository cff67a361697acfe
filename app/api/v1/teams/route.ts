import { apiRoute } from "@/lib/http/route";
import { teamRoutes } from "@/lib/teams/routes";
import { listTeams } from "@/lib/teams/list-teams";
import { createTeam } from "@/lib/teams/manage-team";

// GET /api/v1/teams — the caller's teams (every team for admins)
export const GET = apiRoute(teamRoutes.list, async ({ principal }) => ({ teams: await listTeams(principal) }));

// POST /api/v1/teams — create a team { name, description? } (admins)
export const POST = apiRoute(teamRoutes.create, async ({ principal, body }) => ({
  team: await createTeam(principal, body),
}));

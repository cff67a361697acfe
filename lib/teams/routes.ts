import { declareRoute } from "../http/route-declaration";
import { deletedTeamResponseSchema, teamListResponseSchema, teamResponseSchema, teamSchema } from "./schemas";

// What the team routes take and give (app/api/v1/teams/**).
export const teamRoutes = {
  list: declareRoute({ method: "GET", path: "/api/v1/teams", summary: "The caller's teams (every team for admins)", auth: "user", permission: "teams:read", response: teamListResponseSchema }),
  create: declareRoute({ method: "POST", path: "/api/v1/teams", summary: "Create a team", auth: "user", permission: "teams:manage", body: teamSchema, response: teamResponseSchema, status: 201 }),
  update: declareRoute({ method: "PATCH", path: "/api/v1/teams/{id}", summary: "Rename or describe a team", auth: "user", permission: "teams:manage", body: teamSchema, response: teamResponseSchema }),
  delete: declareRoute({ method: "DELETE", path: "/api/v1/teams/{id}", summary: "Delete a team that has no agents", auth: "user", permission: "teams:manage", response: deletedTeamResponseSchema }),
};

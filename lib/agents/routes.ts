import { declareRoute } from "../http/route-declaration";
import {
  agentListResponseSchema,
  agentResponseSchema,
  agentStatusChangeSchema,
  createAgentSchema,
  fleetStatusResponseSchema,
  listAgentsQuerySchema,
  selfAgentResponseSchema,
  updateAgentSchema,
} from "./schemas";

// What the agent routes take and give (app/api/v1/agents/**, app/api/v1/overview): the route files run
// these declarations, lib/http/api-routes.ts lists them for the API description.

const statusChange = (action: "pause" | "resume" | "terminate", summary: string) =>
  declareRoute({
    method: "POST",
    path: `/api/v1/agents/{slug}/${action}`,
    summary,
    auth: "user",
    permission: `agents:${action}`,
    body: agentStatusChangeSchema,
    response: agentResponseSchema,
  });

export const agentRoutes = {
  list: declareRoute({
    method: "GET",
    path: "/api/v1/agents",
    summary: "The agents the caller may see",
    auth: "user",
    permission: "agents:read",
    query: listAgentsQuerySchema,
    response: agentListResponseSchema,
  }),
  create: declareRoute({
    method: "POST",
    path: "/api/v1/agents",
    summary: "Register an agent (team by name or id)",
    auth: "user",
    permission: "agents:create",
    body: createAgentSchema,
    response: agentResponseSchema,
    status: 201,
  }),
  get: declareRoute({ method: "GET", path: "/api/v1/agents/{slug}", summary: "One agent", auth: "user", permission: "agents:read", response: agentResponseSchema }),
  update: declareRoute({
    method: "PATCH",
    path: "/api/v1/agents/{slug}",
    summary: "Edit an agent's name, description, team or owner",
    auth: "user",
    permission: "agents:update",
    body: updateAgentSchema,
    response: agentResponseSchema,
  }),
  pause: statusChange("pause", "Pause the agent: every guard check is denied until it is resumed"),
  resume: statusChange("resume", "Resume a paused agent"),
  terminate: statusChange("terminate", "Terminate the agent"),
  self: declareRoute({
    method: "GET",
    path: "/api/v1/agents/self",
    summary: "The agent the presented key names",
    auth: "agent",
    permission: null,
    response: selfAgentResponseSchema,
  }),
  fleet: declareRoute({
    method: "GET",
    path: "/api/v1/overview",
    summary: "Fleet status for the live overview tiles",
    auth: "user",
    permission: "dashboard:read",
    response: fleetStatusResponseSchema,
  }),
};

import { declareRoute } from "../http/route-declaration";
import { fleetMaturityResponseSchema, maturityResponseSchema } from "./schemas";

// What the maturity routes take and give (app/api/v1/agents/{slug}/maturity, app/api/v1/maturity).
export const maturityRoutes = {
  agent: declareRoute({
    method: "GET",
    path: "/api/v1/agents/{slug}/maturity",
    summary: "The agent's maturity level (0–4) and every criterion: met or not, and in words what is there or missing",
    auth: "user",
    permission: "agents:read",
    response: maturityResponseSchema,
  }),
  fleet: declareRoute({
    method: "GET",
    path: "/api/v1/maturity",
    summary: "The maturity level of every agent of the caller's teams, agents per level, the fleet's median and lowest",
    auth: "user",
    permission: "agents:read",
    response: fleetMaturityResponseSchema,
  }),
};

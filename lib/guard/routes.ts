import { declareRoute } from "../http/route-declaration";
import {
  blockedPerHourResponseSchema,
  decideDecisionResponseSchema,
  decideDecisionSchema,
  decisionResponseSchema,
  decisionWaitQuerySchema,
  decisionListResponseSchema,
  guardRequestSchema,
  guardResponseSchema,
  listDecisionsQuerySchema,
} from "./schemas";

// What the guard routes take and give (app/api/v1/guard/**, app/api/v1/overview/blocked). POST
// /api/v1/guard itself runs lib/http/guard-endpoint.ts on both servers; this declaration describes it.
// The one body limit of POST /api/v1/guard, whichever server reads the body.
export const GUARD_BODY_LIMIT = 1024 * 1024;

export const guardRoutes = {
  check: declareRoute({
    method: "POST",
    path: "/api/v1/guard",
    summary: "Ask before acting: allow, deny, or hold for a reviewer (poll the decision)",
    auth: "agent",
    permission: null,
    body: guardRequestSchema,
    response: guardResponseSchema,
    maxBodyBytes: GUARD_BODY_LIMIT,
  }),
  list: declareRoute({
    method: "GET",
    path: "/api/v1/guard/decisions",
    summary: "The caller's teams' guard decisions, newest first, filtered (agent, verdict, reason, time) and cursor-paginated",
    auth: "user",
    permission: "approvals:read",
    query: listDecisionsQuerySchema,
    response: decisionListResponseSchema,
  }),
  decision: declareRoute({
    method: "GET",
    path: "/api/v1/guard/decisions/{id}",
    summary: "Read a decision; with wait, long-poll a held one until a reviewer decides or it expires",
    auth: "agent",
    permission: null,
    query: decisionWaitQuerySchema,
    response: decisionResponseSchema,
  }),
  decide: declareRoute({
    method: "POST",
    path: "/api/v1/guard/decisions/{id}/decide",
    summary: "Allow or deny a held action (an allow may extend the budgets that held it)",
    auth: "user",
    permission: "approvals:decide",
    body: decideDecisionSchema,
    response: decideDecisionResponseSchema,
  }),
  blocked: declareRoute({
    method: "GET",
    path: "/api/v1/overview/blocked",
    summary: "Actions the guard denied or held, per hour over the last day",
    auth: "user",
    permission: "approvals:read",
    response: blockedPerHourResponseSchema,
  }),
};

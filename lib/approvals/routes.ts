import { declareRoute } from "../http/route-declaration";
import { listHeldQuerySchema } from "../guard/schemas";
import { recentlyDecidedQuerySchema } from "./list-recently-decided";
import { approvalStatsResponseSchema, heldListResponseSchema, pendingCountResponseSchema, recentlyDecidedResponseSchema } from "./schemas";

// What the approval queue's routes take and give (app/api/v1/approvals/**). Deciding a held action is
// the guard's route (POST /api/v1/guard/decisions/{id}/decide).
export const approvalRoutes = {
  list: declareRoute({
    method: "GET",
    path: "/api/v1/approvals",
    summary: "Pending held actions of the caller's teams, oldest first",
    auth: "user",
    permission: "approvals:read",
    query: listHeldQuerySchema,
    response: heldListResponseSchema,
  }),
  count: declareRoute({
    method: "GET",
    path: "/api/v1/approvals/count",
    summary: "How many held actions of the caller's teams wait for a decision",
    auth: "user",
    permission: "approvals:read",
    response: pendingCountResponseSchema,
  }),
  recent: declareRoute({
    method: "GET",
    path: "/api/v1/approvals/recent",
    summary: "Held actions decided lately, and by whom",
    auth: "user",
    permission: "approvals:read",
    query: recentlyDecidedQuerySchema,
    response: recentlyDecidedResponseSchema,
  }),
  stats: declareRoute({
    method: "GET",
    path: "/api/v1/approvals/stats",
    summary: "Pending count and median time to decide over 24 h",
    auth: "user",
    permission: "approvals:read",
    response: approvalStatsResponseSchema,
  }),
};

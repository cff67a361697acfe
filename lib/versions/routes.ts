import { declareRoute } from "../http/route-declaration";
import { z } from "../zod";
import { errorResponseSchema, timestamp } from "../http/schemas";
import { canarySettingsSchema } from "./canary-settings";
import {
  compareQuerySchema,
  compareResponseSchema,
  compareRunsQuerySchema,
  compareRunsResponseSchema,
  configQuerySchema,
  configResponseSchema,
  createVersionSchema,
  decidePromotionSchema,
  deploymentListResponseSchema,
  listPromotionsQuerySchema,
  promoteResponseSchema,
  promoteSchema,
  promotionListResponseSchema,
  promotionResponseSchema,
  rollbackResponseSchema,
  rollbackSchema,
  versionListResponseSchema,
  versionResponseSchema,
} from "./schemas";

// What the version and deploy routes take and give (app/api/v1/agents/{slug}/versions/**, …/rollback,
// …/deployments, app/api/v1/promotions/**, app/api/v1/agents/self/config).
const versions = "/api/v1/agents/{slug}/versions" as const;

const nullableNumber = z.number().nullable();
const canaryComparisonResponseSchema = z.object({
  canary: z.object({ id: z.string(), label: z.string(), percent: z.number(), since: timestamp }).nullable(),
  production: z.object({ id: z.string(), label: z.string() }).nullable(),
  settings: canarySettingsSchema,
  verdict: z.enum(["collecting", "pass", "worse"]).nullable(),
  metrics: z.array(
    z.object({
      metric: z.string(),
      guarded: z.boolean().describe("Judged by the guarded canary (a worse one ends the canary); false: shown for a person to weigh"),
      verdict: z.enum(["collecting", "ok", "worse", "shown"]),
      canaryValue: nullableNumber,
      productionValue: nullableNumber,
      difference: nullableNumber,
      lower: nullableNumber,
      upper: nullableNumber,
      interval: z.string(),
      n: z.object({ canary: z.number(), production: z.number() }),
      explanation: z.string(),
    }),
  ),
});

const immutable = (method: "PUT" | "PATCH") =>
  declareRoute({
    method,
    path: `${versions}/{label}`,
    summary: "Versions are immutable: always 405 version_immutable (create a new version instead)",
    auth: "none",
    permission: null,
    response: errorResponseSchema,
    status: 405,
  });

export const versionRoutes = {
  list: declareRoute({ method: "GET", path: versions, summary: "The agent's versions, newest first", auth: "user", permission: "versions:read", response: versionListResponseSchema }),
  create: declareRoute({
    method: "POST",
    path: versions,
    summary: "Create a version (an immutable bundle; starts in development)",
    auth: "user",
    permission: "versions:create",
    body: createVersionSchema,
    response: versionResponseSchema,
    status: 201,
  }),
  get: declareRoute({ method: "GET", path: `${versions}/{label}`, summary: "One version, the whole bundle", auth: "user", permission: "versions:read", response: versionResponseSchema }),
  put: immutable("PUT"),
  patch: immutable("PATCH"),
  compare: declareRoute({
    method: "GET",
    path: `${versions}/compare`,
    summary: "Two versions side by side: the prompt's line diff and every other change",
    auth: "user",
    permission: "versions:read",
    query: compareQuerySchema,
    response: compareResponseSchema,
  }),
  compareRuns: declareRoute({
    method: "GET",
    path: "/api/v1/agents/{slug}/compare",
    summary: "Two versions' live traffic (default the last 7 days) and latest completed gating runs: each metric b − a with its 95% interval, and the items that regressed",
    auth: "user",
    permission: "versions:read",
    query: compareRunsQuerySchema,
    response: compareRunsResponseSchema,
  }),
  promote: declareRoute({
    method: "POST",
    path: `${versions}/{label}/promote`,
    summary: "Move a version to staging, canary or production (200), or ask a reviewer for production (202)",
    auth: "user",
    permission: "versions:promote",
    body: promoteSchema,
    response: promoteResponseSchema,
  }),
  rollback: declareRoute({
    method: "POST",
    path: "/api/v1/agents/{slug}/rollback",
    summary: "Put the previous (or a named earlier) production version back in production; ends any canary",
    auth: "user",
    permission: "versions:rollback",
    body: rollbackSchema,
    response: rollbackResponseSchema,
  }),
  deployments: declareRoute({
    method: "GET",
    path: "/api/v1/agents/{slug}/deployments",
    summary: "The deployment timeline, newest first",
    auth: "user",
    permission: "versions:read",
    response: deploymentListResponseSchema,
  }),
  promotions: declareRoute({
    method: "GET",
    path: "/api/v1/promotions",
    summary: "Production requests of the caller's teams (pending: oldest first)",
    auth: "user",
    permission: "versions:read",
    query: listPromotionsQuerySchema,
    response: promotionListResponseSchema,
  }),
  decide: declareRoute({
    method: "POST",
    path: "/api/v1/promotions/{id}/decide",
    summary: "Approve (deploys to production) or reject a production request",
    auth: "user",
    permission: "versions:approve-production",
    body: decidePromotionSchema,
    response: promotionResponseSchema,
  }),
  canary: declareRoute({
    method: "GET",
    path: "/api/v1/agents/{slug}/canary",
    summary: "The running canary against production since it started: each metric with its difference, interval and verdict",
    auth: "user",
    permission: "versions:read",
    response: canaryComparisonResponseSchema,
  }),
  canarySettings: declareRoute({
    method: "PUT",
    path: "/api/v1/agents/{slug}/canary-settings",
    summary: "The guarded canary's thresholds for this agent (developers of the team, admins)",
    auth: "user",
    permission: "versions:promote",
    body: canarySettingsSchema,
    response: z.object({ settings: canarySettingsSchema }),
  }),
  config: declareRoute({
    method: "GET",
    path: "/api/v1/agents/self/config",
    summary: "The version this session must run (canary split sticky per session); ETag = the version id",
    auth: "agent",
    permission: null,
    query: configQuerySchema,
    response: configResponseSchema,
  }),
};

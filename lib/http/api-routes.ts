import { z } from "../zod";
import { declareRoute, type RouteDeclaration } from "./route-declaration";
import { agentRoutes } from "../agents/routes";
import { approvalRoutes } from "../approvals/routes";
import { auditRoutes } from "../audit/routes";
import { budgetRoutes } from "../budgets/routes";
import { costRoutes } from "../costs/routes";
import { guardRoutes } from "../guard/routes";
import { keyRoutes } from "../keys/routes";
import { policyRoutes } from "../policies/routes";
import { teamRoutes } from "../teams/routes";
import { traceRoutes } from "../traces/routes";
import { userRoutes } from "../users/routes";
import { versionRoutes } from "../versions/routes";
import { alertRoutes } from "../alerts/routes";
import { driftRoutes } from "../drift/routes";
import { webhookRoutes } from "../webhooks/routes";
import { incidentRoutes } from "../incidents/routes";
import { driftSeriesRoutes } from "../drift/series/routes";
import { datasetRoutes } from "../evals/datasets/routes";
import { suiteRoutes } from "../evals/suites/routes";
import { runRoutes } from "../evals/runs/routes";
import { onlineEvaluatorRoutes } from "../evals/online/routes";
import { maturityRoutes } from "../maturity/routes";

// Every route of the public API, for its description (GET /api/v1/openapi.json). A route file under
// app/api runs one of these declarations; tests/integration/openapi.test.ts fails when a route on disk
// is missing here.

const dbStatus = z.object({ status: z.enum(["ok", "error"]), kind: z.string(), latencyMs: z.number().optional(), error: z.string().optional() });

export const metaRoutes = {
  health: declareRoute({
    method: "GET",
    path: "/api/health",
    summary: "Liveness for load balancers: 200 when the database answers, 503 otherwise",
    auth: "none",
    permission: null,
    response: z.object({ status: z.enum(["ok", "error"]), db: dbStatus }),
  }),
  openapi: declareRoute({
    method: "GET",
    path: "/api/v1/openapi.json",
    summary: "This description of the API (OpenAPI 3.1)",
    auth: "none",
    permission: null,
    response: z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
  }),
};

const groups = [metaRoutes, guardRoutes, traceRoutes, agentRoutes, keyRoutes, policyRoutes, approvalRoutes, costRoutes, budgetRoutes, teamRoutes, userRoutes, auditRoutes, versionRoutes, alertRoutes, driftRoutes, driftSeriesRoutes, webhookRoutes, incidentRoutes, datasetRoutes, suiteRoutes, runRoutes, onlineEvaluatorRoutes, maturityRoutes];

export const apiRoutes: RouteDeclaration[] = groups.flatMap((group) => Object.values(group) as RouteDeclaration[]);

import { declareRoute } from "../../http/route-declaration";
import { createSuiteSchema, suiteListResponseSchema, suiteResponseSchema, updateSuiteSchema } from "./schemas";

// What the suite routes take and give (app/api/v1/agents/{slug}/suites/**).
export const suiteRoutes = {
  create: declareRoute({
    method: "POST",
    path: "/api/v1/agents/{slug}/suites",
    summary: "Create an evaluation suite: one of the agent's datasets, evaluators and a pass threshold; gating: true makes it the agent's gate",
    auth: "user",
    permission: "evals:manage",
    body: createSuiteSchema,
    response: suiteResponseSchema,
    status: 201,
  }),
  list: declareRoute({
    method: "GET",
    path: "/api/v1/agents/{slug}/suites",
    summary: "The agent's suites, its gate first",
    auth: "user",
    permission: "evals:read",
    response: suiteListResponseSchema,
  }),
  get: declareRoute({
    method: "GET",
    path: "/api/v1/agents/{slug}/suites/{id}",
    summary: "One suite",
    auth: "user",
    permission: "evals:read",
    response: suiteResponseSchema,
  }),
  update: declareRoute({
    method: "PATCH",
    path: "/api/v1/agents/{slug}/suites/{id}",
    summary: "Change a suite's name, evaluators, threshold or whether it is the gate (runs already made keep theirs)",
    auth: "user",
    permission: "evals:manage",
    body: updateSuiteSchema,
    response: suiteResponseSchema,
  }),
};

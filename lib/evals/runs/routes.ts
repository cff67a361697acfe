import { declareRoute } from "../../http/route-declaration";
import {
  listRunsQuerySchema,
  reportResultResponseSchema,
  reportResultSchema,
  runDetailResponseSchema,
  runListResponseSchema,
  runResponseSchema,
  startedRunResponseSchema,
  startRunSchema,
} from "./schemas";

// What the run routes take and give (app/api/v1/evals/runs/**).
const run = "/api/v1/evals/runs/{id}" as const;

export const runRoutes = {
  start: declareRoute({
    method: "POST",
    path: "/api/v1/evals/runs",
    summary: "Start a run of one version (label) on one suite; answers the items for the harness to run",
    auth: "user",
    permission: "evals:run",
    body: startRunSchema,
    response: startedRunResponseSchema,
    status: 201,
  }),
  list: declareRoute({
    method: "GET",
    path: "/api/v1/evals/runs",
    summary: "Runs, newest first (?agent, ?suite, ?version)",
    auth: "user",
    permission: "evals:read",
    query: listRunsQuerySchema,
    response: runListResponseSchema,
  }),
  get: declareRoute({
    method: "GET",
    path: run,
    summary: "One run with its items, results and scores (a user of its team, or its agent's key)",
    auth: "user_or_agent",
    permission: "evals:read",
    response: runDetailResponseSchema,
  }),
  report: declareRoute({
    method: "POST",
    path: `${run}/results`,
    summary: "Report one item's result: output, outcome and/or the trace of its run (the agent's key or an admin key)",
    auth: "user_or_agent",
    permission: "evals:run",
    body: reportResultSchema,
    response: reportResultResponseSchema,
  }),
  complete: declareRoute({
    method: "POST",
    path: `${run}/complete`,
    summary: "Score the run: an item without a result fails; passed when passRate ≥ the threshold (idempotent)",
    auth: "user_or_agent",
    permission: "evals:run",
    response: runResponseSchema,
  }),
};

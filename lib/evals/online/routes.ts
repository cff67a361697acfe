import { declareRoute } from "../../http/route-declaration";
import { z } from "../../zod";
import { createOnlineEvaluatorSchema, onlineEvaluatorListResponseSchema, onlineEvaluatorResponseSchema, updateOnlineEvaluatorSchema } from "./schemas";

// What the online-evaluator routes take and give (app/api/v1/agents/{slug}/online-evaluators/**).
const collection = "/api/v1/agents/{slug}/online-evaluators" as const;

export const onlineEvaluatorRoutes = {
  create: declareRoute({
    method: "POST",
    path: collection,
    summary:
      "Score a sample of the agent's live traces with one evaluator that needs no expected answer (no_guard_deny, max_cost_usd, max_latency_ms, max_steps, output_json_schema, llm_judge); its failure rate becomes the drift metric online:<name> (422 for other types, 409 for a name taken)",
    auth: "user",
    permission: "evals:manage",
    body: createOnlineEvaluatorSchema,
    response: onlineEvaluatorResponseSchema,
    status: 201,
  }),
  list: declareRoute({
    method: "GET",
    path: collection,
    summary: "The agent's online evaluators with their scores so far and recent pass rate",
    auth: "user",
    permission: "evals:read",
    response: onlineEvaluatorListResponseSchema,
  }),
  update: declareRoute({
    method: "PATCH",
    path: `${collection}/{id}`,
    summary: "Change an online evaluator's name, settings (restarts its drift baseline), sample rate, or enable/disable it (audited)",
    auth: "user",
    permission: "evals:manage",
    body: updateOnlineEvaluatorSchema,
    response: onlineEvaluatorResponseSchema,
  }),
  remove: declareRoute({
    method: "DELETE",
    path: `${collection}/{id}`,
    summary: "Delete an online evaluator and its scores (audited)",
    auth: "user",
    permission: "evals:manage",
    response: z.object({ id: z.string() }),
  }),
};

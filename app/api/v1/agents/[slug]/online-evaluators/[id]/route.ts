// PATCH /api/v1/agents/{slug}/online-evaluators/{id} — change an online evaluator; DELETE — remove it and its scores (developers, admins)
import { apiRoute } from "@/lib/http/route";
import { onlineEvaluatorRoutes } from "@/lib/evals/online/routes";
import { updateOnlineEvaluator } from "@/lib/evals/online/update-online-evaluator";
import { deleteOnlineEvaluator } from "@/lib/evals/online/delete-online-evaluator";

export const PATCH = apiRoute(onlineEvaluatorRoutes.update, async ({ principal, params, body }) => ({ evaluator: await updateOnlineEvaluator(principal, params.slug, params.id, body) }));
export const DELETE = apiRoute(onlineEvaluatorRoutes.remove, async ({ principal, params }) => deleteOnlineEvaluator(principal, params.slug, params.id));

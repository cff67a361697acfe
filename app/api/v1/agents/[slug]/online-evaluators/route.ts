// POST /api/v1/agents/{slug}/online-evaluators — score live traces with an evaluator (developers, admins); GET — the agent's online evaluators (everyone)
import { apiRoute } from "@/lib/http/route";
import { onlineEvaluatorRoutes } from "@/lib/evals/online/routes";
import { createOnlineEvaluator } from "@/lib/evals/online/create-online-evaluator";
import { listOnlineEvaluators } from "@/lib/evals/online/list-online-evaluators";

export const POST = apiRoute(onlineEvaluatorRoutes.create, async ({ principal, params, body }) => ({ evaluator: await createOnlineEvaluator(principal, params.slug, body) }));
export const GET = apiRoute(onlineEvaluatorRoutes.list, async ({ principal, params }) => ({ evaluators: await listOnlineEvaluators(principal, params.slug) }));

import { apiRoute } from "@/lib/http/route";
import { policyRoutes } from "@/lib/policies/routes";
import { backtestPolicy } from "@/lib/policies/backtest-policy";

// POST /api/v1/agents/{slug}/policies/backtest — { document, scope?, from?, to? } (developers, admins)
export const POST = apiRoute(policyRoutes.backtest, async ({ principal, params, body }) => backtestPolicy(principal, params.slug, body));

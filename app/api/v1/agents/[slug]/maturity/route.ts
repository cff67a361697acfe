// GET /api/v1/agents/{slug}/maturity — the agent's maturity level and criteria (everyone on the agent's team)
import { apiRoute } from "@/lib/http/route";
import { getAgentMaturity } from "@/lib/maturity/get-maturity";
import { maturityRoutes } from "@/lib/maturity/routes";

export const GET = apiRoute(maturityRoutes.agent, async ({ principal, params }) => getAgentMaturity(principal, params.slug));

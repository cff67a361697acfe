import { apiRoute } from "@/lib/http/route";
import { agentRoutes } from "@/lib/agents/routes";
import { getAgent } from "@/lib/agents/get-agent";
import { updateAgent } from "@/lib/agents/update-agent";

// GET /api/v1/agents/{slug} — one agent (session or admin key; own teams only)
export const GET = apiRoute(agentRoutes.get, async ({ principal, params }) => ({ agent: await getAgent(principal, params.slug) }));

// PATCH /api/v1/agents/{slug} — edit name, description, team, owner (developers, admins)
export const PATCH = apiRoute(agentRoutes.update, async ({ principal, params, body }) => ({
  agent: await updateAgent(principal, params.slug, body),
}));

import { apiRoute } from "@/lib/http/route";
import { agentRoutes } from "@/lib/agents/routes";
import { listAgents } from "@/lib/agents/list-agents";
import { createAgent } from "@/lib/agents/create-agent";

// GET /api/v1/agents — the agents the caller may see (session or admin key)
export const GET = apiRoute(agentRoutes.list, async ({ principal, query }) => {
  const agents = await listAgents(principal, query);
  return { agents };
});

// POST /api/v1/agents — register an agent { slug, name, team, description?, ownerEmail? } (developers, admins)
export const POST = apiRoute(agentRoutes.create, async ({ principal, body }) => {
  return { agent: await createAgent(principal, body) };
});

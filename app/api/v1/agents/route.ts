import { apiRoute } from "@/lib/http/route";
import { listAgents } from "@/lib/agents/list-agents";
import { createAgent } from "@/lib/agents/create-agent";
import { createAgentSchema, listAgentsQuerySchema } from "@/lib/agents/schemas";

// GET /api/v1/agents — the agents the caller may see (session or admin key)
export const GET = apiRoute({ auth: "user", query: listAgentsQuerySchema }, async ({ principal, query }) => {
  const agents = await listAgents(principal, query);
  return { agents };
});

// POST /api/v1/agents — register an agent { slug, name, team, description?, ownerEmail? } (developers, admins)
export const POST = apiRoute({ auth: "user", body: createAgentSchema, status: 201 }, async ({ principal, body }) => {
  return { agent: await createAgent(principal, body) };
});

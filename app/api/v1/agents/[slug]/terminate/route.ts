// POST /api/v1/agents/{slug}/terminate — terminate the agent { reason? } (admins)
import { apiRoute } from "@/lib/http/route";
import { agentRoutes } from "@/lib/agents/routes";
import { changeAgentStatus } from "@/lib/agents/change-agent-status";

export const POST = apiRoute(agentRoutes.terminate, async ({ principal, params, body }) => ({
  agent: await changeAgentStatus(principal, params.slug, "terminate", body),
}));

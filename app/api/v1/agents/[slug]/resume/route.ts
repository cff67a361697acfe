// POST /api/v1/agents/{slug}/resume — resume the agent { reason? } (operators of the agent's team, admins)
import { apiRoute } from "@/lib/http/route";
import { agentRoutes } from "@/lib/agents/routes";
import { changeAgentStatus } from "@/lib/agents/change-agent-status";

export const POST = apiRoute(agentRoutes.resume, async ({ principal, params, body }) => ({
  agent: await changeAgentStatus(principal, params.slug, "resume", body),
}));

// POST /api/v1/agents/{slug}/resume — resume the agent { reason? } (operators of the agent's team, admins)
import { apiRoute } from "@/lib/http/route";
import { changeAgentStatus } from "@/lib/agents/change-agent-status";
import { agentStatusChangeSchema } from "@/lib/agents/schemas";

export const POST = apiRoute({ auth: "user", body: agentStatusChangeSchema }, async ({ principal, params, body }) => ({
  agent: await changeAgentStatus(principal, params.slug, "resume", body),
}));

// GET /api/v1/agents/self — the agent the presented key names (agent key)
import { apiRoute } from "@/lib/http/route";
import { agentRoutes } from "@/lib/agents/routes";
import { getSelfAgent } from "@/lib/agents/get-self-agent";

export const GET = apiRoute(agentRoutes.self, async ({ principal }) => ({ agent: await getSelfAgent(principal) }));

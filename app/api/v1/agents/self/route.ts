// GET /api/v1/agents/self — the agent the presented key names (agent key)
import { apiRoute } from "@/lib/http/route";
import { getSelfAgent } from "@/lib/agents/get-self-agent";

export const GET = apiRoute({ auth: "agent" }, async ({ principal }) => ({ agent: await getSelfAgent(principal) }));

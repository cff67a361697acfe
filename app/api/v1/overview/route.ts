// GET /api/v1/overview — fleet status for the live overview tiles (session or admin key)
import { apiRoute } from "@/lib/http/route";
import { agentRoutes } from "@/lib/agents/routes";
import { getFleetStatus } from "@/lib/agents/fleet-status";

export const GET = apiRoute(agentRoutes.fleet, async ({ principal }) => ({ fleet: await getFleetStatus(principal) }));

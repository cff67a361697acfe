import { apiRoute } from "@/lib/http/route";
import { getAgent } from "@/lib/agents/get-agent";
import { updateAgent } from "@/lib/agents/update-agent";
import { updateAgentSchema } from "@/lib/agents/schemas";

// GET /api/v1/agents/{slug} — one agent (session or admin key; own teams only)
export const GET = apiRoute({ auth: "user" }, async ({ principal, params }) => ({ agent: await getAgent(principal, params.slug) }));

// PATCH /api/v1/agents/{slug} — edit name, description, team, owner (developers, admins)
export const PATCH = apiRoute({ auth: "user", body: updateAgentSchema }, async ({ principal, params, body }) => ({
  agent: await updateAgent(principal, params.slug, body),
}));

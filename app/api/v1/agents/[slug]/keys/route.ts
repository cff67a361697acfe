import { apiRoute } from "@/lib/http/route";
import { keyRoutes } from "@/lib/keys/routes";
import { createAgentKey } from "@/lib/keys/create-key";
import { listKeys } from "@/lib/keys/list-keys";

// GET /api/v1/agents/{slug}/keys — the agent's active keys, without secrets (admins)
export const GET = apiRoute(keyRoutes.listOfAgent, async ({ principal, params }) => ({
  keys: await listKeys(principal, { agent: params.slug }),
}));

// POST /api/v1/agents/{slug}/keys — create a key { name } → { key } shown once (admins)
export const POST = apiRoute(keyRoutes.createForAgent, async ({ principal, params, body }) => {
  const { key, apiKey } = await createAgentKey(principal, params.slug, body);
  return { key, apiKey };
});

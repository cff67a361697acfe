import { apiRoute } from "@/lib/http/route";
import { keyRoutes } from "@/lib/keys/routes";
import { createAdminKey } from "@/lib/keys/create-key";
import { listKeys } from "@/lib/keys/list-keys";

// GET /api/v1/keys?agent=&includeRevoked= — all API keys, without secrets (admins)
export const GET = apiRoute(keyRoutes.list, async ({ principal, query }) => ({
  keys: await listKeys(principal, query),
}));

// POST /api/v1/keys — create an admin key for the management API { name } → { key } shown once (admins)
export const POST = apiRoute(keyRoutes.createAdmin, async ({ principal, body }) => {
  const { key, apiKey } = await createAdminKey(principal, body);
  return { key, apiKey };
});

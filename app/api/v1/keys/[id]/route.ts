// DELETE /api/v1/keys/{id} — revoke a key; it stops authenticating at once (admins)
import { apiRoute } from "@/lib/http/route";
import { keyRoutes } from "@/lib/keys/routes";
import { revokeKey } from "@/lib/keys/revoke-key";

export const DELETE = apiRoute(keyRoutes.revoke, async ({ principal, params }) => ({ apiKey: await revokeKey(principal, params.id) }));

// PUT /api/v1/agents/{slug}/canary-settings — the guarded canary's thresholds (developers of the team, admins)
import { apiRoute } from "@/lib/http/route";
import { versionRoutes } from "@/lib/versions/routes";
import { updateCanarySettings } from "@/lib/versions/canary-settings-store";

export const PUT = apiRoute(versionRoutes.canarySettings, async ({ principal, params, body }) => ({ settings: await updateCanarySettings(principal, params.slug, body) }));

// GET /api/v1/agents/{slug}/versions/{label} — one version, the whole bundle (everyone on the agent's team)
// PUT, PATCH — always 405 version_immutable: a version never changes; create a new one
import { apiRoute } from "@/lib/http/route";
import { AppError } from "@/lib/errors/app-error";
import { versionRoutes } from "@/lib/versions/routes";
import { getVersion } from "@/lib/versions/list-versions";

export const GET = apiRoute(versionRoutes.get, async ({ principal, params }) => ({ version: await getVersion(principal, params.slug, params.label) }));

const refuse = async (): Promise<never> => {
  throw new AppError("version_immutable", "Versions are immutable: create a new version (POST …/versions) instead of editing one");
};
export const PUT = apiRoute(versionRoutes.put, refuse);
export const PATCH = apiRoute(versionRoutes.patch, refuse);

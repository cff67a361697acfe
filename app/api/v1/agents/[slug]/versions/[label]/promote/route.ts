// POST /api/v1/agents/{slug}/versions/{label}/promote — move a version along the path, or ask for production (developers, admins)
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/route";
import { versionRoutes } from "@/lib/versions/routes";
import { promoteVersion } from "@/lib/versions/promote-version";

export const POST = apiRoute(versionRoutes.promote, async ({ principal, params, body }) => {
  const result = await promoteVersion(principal, params.slug, params.label, body);
  if (result.kind === "moved") return { version: result.version };
  // Production waits for a reviewer.
  return NextResponse.json({ request: { id: result.promotion.id, status: "pending" }, promotion: result.promotion }, { status: 202 });
});

// GET /api/v1/agents/self/config?sessionId= — the version this session must run (agent key)
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/route";
import { versionRoutes } from "@/lib/versions/routes";
import { serveConfig } from "@/lib/versions/serve-config";

// The ETag names the version served: a client may keep its copy and send If-None-Match; it must not
// cache without asking (no-cache), so a rollback reaches it on its next call.
export const GET = apiRoute(versionRoutes.config, async ({ principal, query, request }) => {
  const config = await serveConfig(principal, query);
  const headers = { ETag: `"${config.version.id}"`, "Cache-Control": "private, no-cache" };
  if (request.headers.get("if-none-match")?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === headers.ETag)) {
    return new NextResponse(null, { status: 304, headers });
  }
  return NextResponse.json(config, { headers });
});

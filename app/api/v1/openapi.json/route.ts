// GET /api/v1/openapi.json — the API described as OpenAPI 3.1, from the route declarations (no auth: documentation)
import { apiRoute } from "@/lib/http/route";
import { apiRoutes, metaRoutes } from "@/lib/http/api-routes";
import { buildOpenApi } from "@/lib/http/openapi";

// The declarations are fixed for the life of the process: build the document once.
let document: ReturnType<typeof buildOpenApi> | undefined;

export const GET = apiRoute(metaRoutes.openapi, async () => (document ??= buildOpenApi(apiRoutes, { version: "1.0.0" })));

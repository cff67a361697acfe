// POST /api/v1/agents/{slug}/suites — create an evaluation suite (developers, admins); GET — the agent's suites (everyone)
import { apiRoute } from "@/lib/http/route";
import { suiteRoutes } from "@/lib/evals/suites/routes";
import { createSuite } from "@/lib/evals/suites/create-suite";
import { listSuites } from "@/lib/evals/suites/list-suites";

export const POST = apiRoute(suiteRoutes.create, async ({ principal, params, body }) => ({ suite: await createSuite(principal, params.slug, body) }));
export const GET = apiRoute(suiteRoutes.list, async ({ principal, params }) => ({ suites: await listSuites(principal, params.slug) }));

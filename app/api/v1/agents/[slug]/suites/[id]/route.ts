// GET /api/v1/agents/{slug}/suites/{id} — one suite (everyone); PATCH — change it (developers, admins)
import { apiRoute } from "@/lib/http/route";
import { suiteRoutes } from "@/lib/evals/suites/routes";
import { getSuite } from "@/lib/evals/suites/list-suites";
import { updateSuite } from "@/lib/evals/suites/update-suite";

export const GET = apiRoute(suiteRoutes.get, async ({ principal, params }) => ({ suite: await getSuite(principal, params.id, params.slug) }));
export const PATCH = apiRoute(suiteRoutes.update, async ({ principal, params, body }) => ({ suite: await updateSuite(principal, params.id, body, params.slug) }));

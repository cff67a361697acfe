// POST /api/v1/promotions/{id}/decide — approve or reject a production request (reviewers, admins)
import { apiRoute } from "@/lib/http/route";
import { versionRoutes } from "@/lib/versions/routes";
import { decidePromotion } from "@/lib/versions/decide-promotion";

export const POST = apiRoute(versionRoutes.decide, async ({ principal, params, body }) => ({ promotion: await decidePromotion(principal, params.id, body) }));

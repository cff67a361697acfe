// GET /api/v1/promotions?status=pending — production requests of the caller's teams (everyone)
import { apiRoute } from "@/lib/http/route";
import { versionRoutes } from "@/lib/versions/routes";
import { listPromotions } from "@/lib/versions/list-promotions";

export const GET = apiRoute(versionRoutes.promotions, async ({ principal, query }) => ({ promotions: await listPromotions(principal, query) }));

// GET /api/v1/maturity — the maturity level of every agent of the caller's teams, and the fleet's distribution
import { apiRoute } from "@/lib/http/route";
import { getFleetMaturity } from "@/lib/maturity/get-maturity";
import { maturityRoutes } from "@/lib/maturity/routes";

export const GET = apiRoute(maturityRoutes.fleet, async ({ principal }) => getFleetMaturity(principal));

import { apiRoute } from "@/lib/http/route";
import { costRoutes } from "@/lib/costs/routes";
import { getChargeback } from "@/lib/costs/chargeback";

// GET /api/v1/costs/chargeback?month=YYYY-MM — monthly chargeback per department (session or admin key; own teams)
export const GET = apiRoute(costRoutes.chargeback, async ({ principal, query }) => ({
  chargeback: await getChargeback(principal, query),
}));

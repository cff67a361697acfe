import { apiRoute } from "@/lib/http/route";
import { getChargeback } from "@/lib/costs/chargeback";
import { chargebackQuerySchema } from "@/lib/costs/schemas";

// GET /api/v1/costs/chargeback?month=YYYY-MM — monthly chargeback per department (session or admin key; own teams)
export const GET = apiRoute({ auth: "user", query: chargebackQuerySchema }, async ({ principal, query }) => ({
  chargeback: await getChargeback(principal, query),
}));

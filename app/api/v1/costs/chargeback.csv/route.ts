import { apiRoute } from "@/lib/http/route";
import { costRoutes } from "@/lib/costs/routes";
import { chargebackFilename, chargebackToCsv, getChargeback } from "@/lib/costs/chargeback";

// GET /api/v1/costs/chargeback.csv?month=YYYY-MM — the monthly chargeback as a CSV download (session or admin key; own teams)
export const GET = apiRoute(costRoutes.chargebackCsv, async ({ principal, query }) => {
  const chargeback = await getChargeback(principal, query);
  return new Response(chargebackToCsv(chargeback.rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${chargebackFilename(chargeback.month)}"`,
      "cache-control": "no-store",
    },
  });
});

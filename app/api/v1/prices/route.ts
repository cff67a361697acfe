import { apiRoute } from "@/lib/http/route";
import { costRoutes } from "@/lib/costs/routes";
import { addPrice, listPrices } from "@/lib/costs/manage-prices";

// GET /api/v1/prices — the model price table with each row's status (session or admin key; everyone who reads costs)
export const GET = apiRoute(costRoutes.prices, async ({ principal }) => ({ prices: await listPrices(principal) }));

// POST /api/v1/prices — add a price row { model, provider?, inputPerMTok, outputPerMTok, cachedInputPerMTok?, effectiveFrom } (admins)
export const POST = apiRoute(costRoutes.addPrice, async ({ principal, body }) => ({
  price: await addPrice(principal, body),
}));

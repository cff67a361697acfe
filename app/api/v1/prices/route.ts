import { apiRoute } from "@/lib/http/route";
import { addPrice, listPrices } from "@/lib/costs/manage-prices";
import { priceInputSchema } from "@/lib/costs/schemas";

// GET /api/v1/prices — the model price table with each row's status (session or admin key; everyone who reads costs)
export const GET = apiRoute({ auth: "user" }, async ({ principal }) => ({ prices: await listPrices(principal) }));

// POST /api/v1/prices — add a price row { model, provider?, inputPerMTok, outputPerMTok, cachedInputPerMTok?, effectiveFrom } (admins)
export const POST = apiRoute({ auth: "user", body: priceInputSchema, status: 201 }, async ({ principal, body }) => ({
  price: await addPrice(principal, body),
}));

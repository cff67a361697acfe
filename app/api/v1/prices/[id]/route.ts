import { apiRoute } from "@/lib/http/route";
import { deletePrice, updatePrice } from "@/lib/costs/manage-prices";
import { priceUpdateSchema } from "@/lib/costs/schemas";

// PATCH /api/v1/prices/{id} — correct a price row (any of its fields) (admins)
export const PATCH = apiRoute({ auth: "user", body: priceUpdateSchema }, async ({ principal, params, body }) => ({
  price: await updatePrice(principal, params.id, body),
}));

// DELETE /api/v1/prices/{id} — remove a price row; the model's previous row applies again (admins)
export const DELETE = apiRoute({ auth: "user" }, async ({ principal, params }) => deletePrice(principal, params.id));

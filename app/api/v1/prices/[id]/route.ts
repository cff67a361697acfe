import { apiRoute } from "@/lib/http/route";
import { costRoutes } from "@/lib/costs/routes";
import { deletePrice, updatePrice } from "@/lib/costs/manage-prices";

// PATCH /api/v1/prices/{id} — correct a price row (any of its fields) (admins)
export const PATCH = apiRoute(costRoutes.updatePrice, async ({ principal, params, body }) => ({
  price: await updatePrice(principal, params.id, body),
}));

// DELETE /api/v1/prices/{id} — remove a price row; the model's previous row applies again (admins)
export const DELETE = apiRoute(costRoutes.deletePrice, async ({ principal, params }) => deletePrice(principal, params.id));

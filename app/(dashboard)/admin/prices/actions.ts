"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/http/action";
import { addPrice, deletePrice, updatePrice } from "@/lib/costs/manage-prices";

type PriceSummary = { id: string; model: string };

// Inputs are the price form's raw values: lib parses them with the same schema the form used.
export async function addPriceAction(input: unknown): Promise<ActionResult<PriceSummary>> {
  const result = await runAction(async (principal) => {
    const price = await addPrice(principal, input);
    return { id: price.id, model: price.model };
  });
  if (result.ok) revalidatePath("/admin/prices");
  return result;
}

export async function updatePriceAction(priceId: string, input: unknown): Promise<ActionResult<PriceSummary>> {
  const result = await runAction(async (principal) => {
    const price = await updatePrice(principal, priceId, input);
    return { id: price.id, model: price.model };
  });
  if (result.ok) revalidatePath("/admin/prices");
  return result;
}

export async function deletePriceAction(priceId: string): Promise<ActionResult<{ id: string }>> {
  const result = await runAction((principal) => deletePrice(principal, priceId));
  if (result.ok) revalidatePath("/admin/prices");
  return result;
}

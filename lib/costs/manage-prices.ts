import { db } from "../db/client";
import { transaction } from "../db/transaction";
import { emit } from "../events/emit";
import { pricesChanged } from "./events";
import { assertCan, type Principal } from "../auth/principal";
import { AppError, notFound } from "../errors/app-error";
import { isUuid } from "../db/ids";
import { isUniqueViolation } from "../db/unique-violation";
import { recordAudit } from "../audit/record-audit";
import type { ModelPrice } from "../generated/prisma/client";
import { priceStatuses } from "./price-status";
import { priceInputSchema, priceUpdateSchema } from "./schemas";

// The price table behind every cost. Everyone who reads costs may read it; admins change it. A change
// applies to spans priced from then on (by their start time and the row's effectiveFrom); spans already
// stored keep the cost they were given.

function toPriceRow(price: ModelPrice) {
  return {
    id: price.id,
    model: price.model,
    provider: price.provider,
    inputPerMTok: Number(price.inputPerMTok),
    outputPerMTok: Number(price.outputPerMTok),
    cachedInputPerMTok: price.cachedInputPerMTok === null ? null : Number(price.cachedInputPerMTok),
    effectiveFrom: price.effectiveFrom,
  };
}

const auditView = (price: ModelPrice) => ({ ...toPriceRow(price), effectiveFrom: price.effectiveFrom.toISOString() });

export async function listPrices(principal: Principal, now: Date = new Date()) {
  assertCan(principal, "costs:read");
  const prices = await db().modelPrice.findMany({ orderBy: [{ model: "asc" }, { effectiveFrom: "desc" }] });
  return priceStatuses(prices.map(toPriceRow), now).map((price) => ({ ...price, effectiveFrom: price.effectiveFrom.toISOString() }));
}

export type PriceView = Awaited<ReturnType<typeof listPrices>>[number];

const duplicateStart = (model: string) =>
  new AppError("conflict", `"${model}" already has a price starting at that time: edit that row instead`, {
    details: { fieldErrors: { effectiveFrom: ["This model already has a price from this date"] } },
  });

// A new row: a price change from its effectiveFrom on, or the first price of a model.
export async function addPrice(principal: Principal, rawInput: unknown) {
  assertCan(principal, "prices:manage");
  const input = priceInputSchema.parse(rawInput);
  try {
    const price = await transaction(async (tx) => {
      const created = await tx.modelPrice.create({ data: input });
      await recordAudit(tx, principal, { action: "price.create", targetType: "model_price", targetId: created.id, after: auditView(created) });
      await emit(tx, pricesChanged, {});
      return created;
    });
    return toPriceRow(price);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateStart(input.model);
    throw error;
  }
}

export async function updatePrice(principal: Principal, priceId: string, rawInput: unknown) {
  assertCan(principal, "prices:manage");
  const input = priceUpdateSchema.parse(rawInput);
  let model = input.model;
  try {
    const price = await transaction(async (tx) => {
      const current = isUuid(priceId) ? await tx.modelPrice.findUnique({ where: { id: priceId } }) : null;
      if (!current) throw notFound("Price");
      model ??= current.model;
      const updated = await tx.modelPrice.update({ where: { id: current.id }, data: input });
      await recordAudit(tx, principal, {
        action: "price.update",
        targetType: "model_price",
        targetId: updated.id,
        before: auditView(current),
        after: auditView(updated),
      });
      await emit(tx, pricesChanged, {});
      return updated;
    });
    return toPriceRow(price);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateStart(model ?? "This model");
    throw error;
  }
}

// Deleting a row makes the previous row of the model apply again (or the model unpriced, if it was the only one).
export async function deletePrice(principal: Principal, priceId: string) {
  assertCan(principal, "prices:manage");
  const deleted = await transaction(async (tx) => {
    const current = isUuid(priceId) ? await tx.modelPrice.findUnique({ where: { id: priceId } }) : null;
    if (!current) throw notFound("Price");
    await tx.modelPrice.delete({ where: { id: current.id } });
    await recordAudit(tx, principal, { action: "price.delete", targetType: "model_price", targetId: current.id, before: auditView(current) });
    await emit(tx, pricesChanged, {});
    return current;
  });
  return { id: deleted.id };
}

import { db } from "../db/client";
import { buildPriceBook, type PriceBook } from "./price-span";
import { defaultPriceRows } from "./default-prices";

// The price table, cached in-process; writers call invalidatePrices() after a change (and a 60 s
// ceiling covers changes made by another replica).
const TTL_MS = 60_000;
// On globalThis: route handlers and server actions can be separate module instances in one Next.js
// process, and an edit made through a server action must reach the ingest route's cache.
type Cached = { book: PriceBook; loadedAt: number };
const shared = globalThis as unknown as { controlRoomPriceBook?: Cached };

export async function loadPriceBook(): Promise<PriceBook> {
  const cached = shared.controlRoomPriceBook;
  if (cached && Date.now() - cached.loadedAt < TTL_MS) return cached.book;
  const rows = await db().modelPrice.findMany();
  const book = buildPriceBook(
    rows.map((row) => ({
      model: row.model,
      inputPerMTok: Number(row.inputPerMTok),
      outputPerMTok: Number(row.outputPerMTok),
      cachedInputPerMTok: row.cachedInputPerMTok === null ? null : Number(row.cachedInputPerMTok),
      effectiveFrom: row.effectiveFrom,
    })),
  );
  shared.controlRoomPriceBook = { book, loadedAt: Date.now() };
  return book;
}

export const invalidatePrices = () => {
  shared.controlRoomPriceBook = undefined;
};

// Reference data for every install: the list prices of common models, when the table is empty.
export async function ensureDefaultPrices(): Promise<number> {
  if ((await db().modelPrice.count()) > 0) return 0;
  const result = await db().modelPrice.createMany({
    data: defaultPriceRows(),
    skipDuplicates: true,
  });
  invalidatePrices();
  return result.count;
}

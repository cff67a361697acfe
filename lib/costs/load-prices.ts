import { db } from "../db/client";
import { cache } from "../cache/cache";
import { buildPriceBook, type PriceBook } from "./price-span";
import { defaultPriceRows } from "./default-prices";

// The price table, cached in-process; every replica forgets it on pricesChanged
// (lib/costs/subscriptions.ts), and the TTL covers a notification lost while a listener reconnects.
const TTL_MS = 60_000;
const cachedPriceBook = cache<PriceBook>({ name: "price-book", ttlMs: TTL_MS });

export const loadPriceBook = (): Promise<PriceBook> => cachedPriceBook.get("all", readPriceBook);

async function readPriceBook(): Promise<PriceBook> {
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
  return book;
}

export const invalidatePrices = () => cachedPriceBook.forget();

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

import { db } from "../../lib/db/client";
import { invalidatePrices } from "../../lib/costs/load-prices";
import { defaultPrices, PRICES_EFFECTIVE_FROM } from "../../lib/costs/default-prices";

// The app seeds list prices only into an empty table; a shared test database may already hold other
// tests' prices, so tests make sure the defaults are there (existing rows are left as they are).
export async function ensureTestPrices() {
  await db().modelPrice.createMany({
    data: defaultPrices.map((price) => ({
      model: price.model,
      provider: price.provider,
      inputPerMTok: price.input,
      outputPerMTok: price.output,
      cachedInputPerMTok: price.cachedInput ?? null,
      effectiveFrom: PRICES_EFFECTIVE_FROM,
    })),
    skipDuplicates: true,
  });
  invalidatePrices();
}

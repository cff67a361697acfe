import { db } from "../../lib/db/client";
import { invalidatePrices } from "../../lib/costs/load-prices";
import { defaultPriceRows } from "../../lib/costs/default-prices";

// The app seeds list prices only into an empty table; a shared test database may already hold other
// tests' prices, so tests make sure the defaults are there (existing rows are left as they are).
export async function ensureTestPrices() {
  await db().modelPrice.createMany({
    data: defaultPriceRows(),
    skipDuplicates: true,
  });
  invalidatePrices();
}

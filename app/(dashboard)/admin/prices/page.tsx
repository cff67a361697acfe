import type { Metadata } from "next";
import { Tags } from "lucide-react";
import { requirePagePermission } from "@/components/auth/page-gate";
import { PriceFormDialog } from "@/components/costs/price-form";
import { PricesTable } from "@/components/costs/prices-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePrincipal } from "@/lib/auth/session";
import { listPrices } from "@/lib/costs/manage-prices";
import { toAppError } from "@/lib/http/error-response";

export const metadata: Metadata = { title: "Model prices" };

const description =
  "USD per million tokens, by model and start date. Each span is priced when it arrives, with the row in force at its start; unknown models show as unpriced.";

export default async function PricesPage() {
  const principal = await requirePrincipal();
  // Every role reads costs (and the prices behind them through the API); this page is for changing them.
  requirePagePermission(principal, "prices:manage");

  let prices;
  try {
    prices = await listPrices(principal);
  } catch (error) {
    return (
      <>
        <PageHeader title="Model prices" description={description} />
        <ErrorState title="Prices could not be loaded" message={toAppError(error).message} retryHref="/admin/prices" />
      </>
    );
  }

  return (
    <>
      <PageHeader title="Model prices" description={description} actions={<PriceFormDialog />} />
      {prices.length === 0 ? (
        <EmptyState
          icon={<Tags />}
          title="No prices yet"
          description="Until a model has a price, its spans show as unpriced. Add the models your agents use."
        />
      ) : (
        <PricesTable prices={prices} />
      )}
    </>
  );
}

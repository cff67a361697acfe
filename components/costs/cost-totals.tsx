import { StatTile } from "@/components/ui/stat-tile";
import type { CostSummary } from "@/lib/costs/cost-summary";
import { formatCount, formatUsd } from "@/lib/costs/format";
import { TrendIndicator } from "./trend-indicator";

// The period at a glance: spend (with its trend), tasks, cost per task, and what could not be priced.
export function CostTotals({ totals, canManagePrices }: { totals: CostSummary["totals"]; canManagePrices: boolean }) {
  const unpriced = totals.unpricedSpans;
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="cost-totals">
      <StatTile
        label="Spend"
        value={<span data-testid="total-spend">{formatUsd(totals.costUsd)}</span>}
        hint={
          <span className="flex items-center gap-1">
            <TrendIndicator trend={totals.spendTrend} what="Spend" previous={formatUsd(totals.previous.costUsd)} /> vs previous period
          </span>
        }
      />
      <StatTile label="Tasks (traces)" value={formatCount(totals.tasks)} hint={`${formatCount(totals.previous.tasks)} in the previous period`} />
      <StatTile
        label="Cost per task"
        value={totals.costPerTaskUsd === null ? "—" : formatUsd(totals.costPerTaskUsd)}
        hint={`${formatCount(totals.inputTokens + totals.outputTokens)} tokens in all`}
      />
      <StatTile
        label="Unpriced spans"
        value={formatCount(unpriced)}
        tone={unpriced > 0 ? "warn" : undefined}
        hint={
          unpriced > 0
            ? canManagePrices
              ? "Models without a price: add them on the Prices page"
              : "Models without a price: their cost is not included"
            : "Every model used has a price"
        }
        href={unpriced > 0 && canManagePrices ? "/admin/prices" : undefined}
      />
    </div>
  );
}

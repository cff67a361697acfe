import { Badge } from "@/components/ui/badge";
import { formatCount, formatUsd } from "@/lib/costs/format";

// A cost, with the spans whose models had no price beside it: their cost is unknown, never $0.
export function CostAmount({ costUsd, unpricedSpans = 0 }: { costUsd: number | null; unpricedSpans?: number }) {
  if (costUsd === null) return <span className="text-fg-muted">—</span>;
  if (unpricedSpans > 0 && costUsd === 0) return <UnpricedBadge count={unpricedSpans} label="Unpriced" />;
  return (
    <span className="inline-flex items-center justify-end gap-1.5 whitespace-nowrap">
      <span className="tabular-nums">{formatUsd(costUsd)}</span>
      {unpricedSpans > 0 ? <UnpricedBadge count={unpricedSpans} label={`+${formatCount(unpricedSpans)} unpriced`} /> : null}
    </span>
  );
}

export function UnpricedBadge({ count, label }: { count: number; label?: string }) {
  const explanation = `${formatCount(count)} span${count === 1 ? "" : "s"} used a model with no price: not included in the cost`;
  return (
    <Badge tone="warn" title={explanation} data-testid="unpriced">
      {label ?? `${formatCount(count)} unpriced`}
      <span className="sr-only"> ({explanation})</span>
    </Badge>
  );
}

import { Badge } from "@/components/ui/badge";
import { costDisplay } from "@/lib/traces/format";

// A cost as the tables show it: "unpriced" (never $0) when no span had a price, "≥ $x" when some did not.
export function CostText({ costUsd, unpricedSpans }: { costUsd: number | null; unpricedSpans: number }) {
  const display = costDisplay(costUsd, unpricedSpans);
  const unpricedNote = `${unpricedSpans} span${unpricedSpans === 1 ? "" : "s"} used a model with no price in the price table`;
  if (display.state === "unpriced") {
    return (
      <Badge tone="warn" title={unpricedNote}>
        unpriced
      </Badge>
    );
  }
  return (
    <span className="tabular-nums" title={display.state === "partial" ? `At least this much: ${unpricedNote}` : undefined}>
      {display.text}
    </span>
  );
}

import { ArrowDownRight, ArrowRight, ArrowUpRight } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { formatChangePct } from "@/lib/costs/format";
import type { Trend } from "@/lib/costs/trend";

// For a cost, up is bad (danger) and down is good (ok); the text says it too, never the colour alone.
export function TrendIndicator({ trend, what, previous }: { trend: Trend; what: string; previous?: string }) {
  const title = previous ? `Previous period: ${previous}` : undefined;
  if (trend.direction === "new") {
    return (
      <span className="text-xs text-fg-muted" title={title ?? "Nothing to compare with in the previous period"}>
        New<span className="sr-only">: nothing to compare with in the previous period</span>
      </span>
    );
  }
  const Icon = trend.direction === "up" ? ArrowUpRight : trend.direction === "down" ? ArrowDownRight : ArrowRight;
  const words = trend.direction === "flat" ? "unchanged" : `${trend.direction} ${formatChangePct(Math.abs(trend.changePct))}`;
  return (
    <span
      title={title}
      data-trend={trend.direction}
      className={cn(
        "inline-flex items-center gap-0.5 text-xs font-medium whitespace-nowrap tabular-nums",
        trend.direction === "up" ? "text-danger-fg" : trend.direction === "down" ? "text-ok-fg" : "text-fg-muted",
      )}
    >
      <Icon aria-hidden="true" className="size-3.5" />
      <span aria-hidden="true">{trend.direction === "flat" ? "0%" : formatChangePct(trend.changePct)}</span>
      <span className="sr-only">
        {what} {words} vs the previous period
      </span>
    </span>
  );
}

import { cn } from "@/components/ui/cn";
import type { BudgetStatus } from "@/lib/budgets/collect-budgets";
import { formatPercent, statusDisplay } from "./budget-format";

// How much of the limit is spent: a bar coloured by status, with the percentage and status as text.
export function BudgetProgress({ percent, status, label }: { percent: number; status: BudgetStatus; label: string }) {
  const display = statusDisplay[status];
  return (
    <div className="flex min-w-40 items-center gap-2">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(100, Math.round(percent))}
        aria-valuetext={`${formatPercent(percent)} of the limit: ${display.label.toLowerCase()}`}
        className="h-2 flex-1 overflow-hidden rounded-full bg-surface-muted ring-1 ring-border ring-inset"
      >
        <div className={cn("h-full rounded-full", display.bar)} style={{ width: `${Math.min(100, Math.max(percent > 0 ? 2 : 0, percent))}%` }} />
      </div>
      <span className={cn("w-12 text-right text-xs font-medium tabular-nums", status === "ok" ? "text-fg-muted" : status === "alert" ? "text-warn-fg" : "text-danger-fg")}>
        {formatPercent(percent)}
      </span>
    </div>
  );
}

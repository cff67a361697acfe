import { BellRing } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { BudgetAlertView } from "@/lib/budgets/list-budgets";
import { formatSpendOf, windowLabel } from "./budget-format";

// The latest budget alerts, newest first: one per budget, window and level (the alert threshold, 100%).
export function BudgetAlertsList({ alerts }: { alerts: BudgetAlertView[] }) {
  if (alerts.length === 0) {
    return <p className="px-4 py-4 text-sm text-fg-muted">No budget alerts yet. An alert is recorded when a budget&apos;s spend reaches its alert threshold, and again at 100%.</p>;
  }
  return (
    <ul aria-label="Recent budget alerts" className="divide-y divide-border">
      {alerts.map((alert) => (
        <li key={alert.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 text-sm" data-alert-level={alert.level}>
          <BellRing aria-hidden="true" className={alert.level >= 100 ? "size-4 text-danger" : "size-4 text-warn"} />
          <Badge tone={alert.level >= 100 ? "danger" : "warn"}>{alert.level >= 100 ? "Limit reached" : `${alert.level}% reached`}</Badge>
          <span className="font-medium">{alert.label}</span>
          <span className="text-fg-muted">
            {windowLabel[alert.window].toLowerCase()} budget · {formatSpendOf(alert.spent, alert.limit).join(" · ")}
          </span>
          <RelativeTime value={alert.createdAt} className="ml-auto text-xs text-fg-muted" />
        </li>
      ))}
    </ul>
  );
}

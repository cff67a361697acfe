import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { costGroups, type CostGroup } from "@/lib/costs/schemas";
import { costHref, type CostViewParams } from "./cost-params";

export const groupLabels: Record<CostGroup, string> = { agent: "Agent", workflow: "Workflow", team: "Team" };

// Links rather than buttons: each grouping is its own URL, so it can be shared and survives a reload.
export function GroupBySwitch({ basePath, params }: { basePath: string; params: CostViewParams }) {
  const current = params.groupBy ?? "agent";
  return (
    <nav aria-label="Group spend by" className="flex items-center gap-2 text-xs">
      <span className="font-medium text-fg-muted" aria-hidden="true">
        Group by
      </span>
      <ul className="flex rounded-md border border-border-strong">
        {costGroups.map((group) => (
          <li key={group}>
            <Link
              href={costHref(basePath, { ...params, groupBy: group })}
              scroll={false}
              aria-current={group === current ? "true" : undefined}
              className={cn(
                "inline-flex h-7 items-center px-2.5 font-medium",
                group === current ? "bg-accent text-accent-fg" : "text-fg hover:bg-surface-muted",
              )}
            >
              {groupLabels[group]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { chartRanges, type ChartRange } from "@/lib/drift/chart-range";

// The chart's time range as links (kept in the URL, keyboard-usable): a recent shift is read on 24 h or
// 48 h, the whole story since the baseline on "Since baseline".
export function RangePicker({ slug, metric, range }: { slug: string; metric: string; range: ChartRange }) {
  return (
    <nav aria-label="Time range" className="flex overflow-hidden rounded-md border border-border text-xs">
      {chartRanges.map((option) => {
        const current = option.id === range;
        const query = new URLSearchParams({ metric, ...(option.id === "all" ? {} : { range: option.id }) });
        return (
          <Link
            key={option.id}
            href={`/agents/${encodeURIComponent(slug)}/drift?${query}`}
            aria-current={current ? "page" : undefined}
            scroll={false}
            className={cn(
              "border-r border-border px-2.5 py-1 last:border-r-0 focus-visible:outline-2 focus-visible:outline-accent",
              current ? "bg-accent-soft font-medium text-accent" : "text-fg-muted hover:bg-surface-muted hover:text-fg",
            )}
          >
            {option.label}
          </Link>
        );
      })}
    </nav>
  );
}

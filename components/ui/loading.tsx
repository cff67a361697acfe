import { LoaderCircle } from "lucide-react";
import { cn } from "./cn";

export type SpinnerProps = { className?: string; label?: string };

/** A spinner that announces itself politely to screen readers. */
export function Spinner({ className, label = "Loading…" }: SpinnerProps) {
  return (
    <span role="status" aria-live="polite" className={cn("inline-flex items-center gap-2 text-sm text-fg-muted", className)}>
      <LoaderCircle aria-hidden="true" className="size-4 animate-spin" />
      <span>{label}</span>
    </span>
  );
}

export function Skeleton({ className }: { className?: string }) {
  return <span aria-hidden="true" className={cn("block h-4 animate-pulse rounded bg-muted-soft", className)} />;
}

export type LoadingRowsProps = { rows?: number; columns?: number; className?: string; label?: string };

/** Placeholder rows for a table or list while its data loads. */
export function LoadingRows({ rows = 6, columns = 4, className, label = "Loading…" }: LoadingRowsProps) {
  return (
    <div
      role="status"
      aria-live="polite"
      className={cn("flex flex-col gap-2.5 rounded-lg border border-border bg-surface p-4", className)}
    >
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="grid gap-4" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
          {Array.from({ length: columns }, (_, column) => (
            <Skeleton key={column} className={column === 0 ? "w-3/4" : "w-1/2"} />
          ))}
        </div>
      ))}
    </div>
  );
}

import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "./button";

export type ClientPagerProps = {
  /** Zero-based page shown. */
  page: number;
  pageSize: number;
  /** Rows in the whole (filtered) list. */
  total: number;
  onPage: (page: number) => void;
  /** Names the navigation landmark, e.g. "User pages". */
  label: string;
  noun: string;
};

// Pages through a list held in the browser (a table that also filters and sorts all of its rows there).
// Nothing shows while the list fits on one page.
export function ClientPager({ page, pageSize, total, onPage, label, noun }: ClientPagerProps) {
  const pages = Math.ceil(total / pageSize);
  if (pages <= 1) return null;
  const first = page * pageSize + 1;
  const last = Math.min(total, first + pageSize - 1);
  return (
    <nav aria-label={label} className="mt-1 flex items-center justify-end gap-2">
      <span className="text-xs text-fg-muted" aria-live="polite">
        {noun} {first}–{last} of {total}
      </span>
      <Button size="sm" variant="secondary" disabled={page === 0} onClick={() => onPage(page - 1)}>
        <ChevronLeft aria-hidden="true" />
        Previous
      </Button>
      <Button size="sm" variant="secondary" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        Next
        <ChevronRight aria-hidden="true" />
      </Button>
    </nav>
  );
}

/** The page to show once the list has `total` rows: the same one if it still exists, else the last. */
export function clampPage(page: number, pageSize: number, total: number): number {
  return Math.max(0, Math.min(page, Math.ceil(total / pageSize) - 1));
}

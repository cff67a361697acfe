import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Button, buttonVariants } from "./button";

type PagerBase = {
  /** Zero-based page shown. */
  page: number;
  pageSize: number;
  /** Rows in the whole (filtered) list. */
  total: number;
  /** Names the navigation landmark, e.g. "User pages". */
  label: string;
  noun: string;
};

// Either a list held in the browser (onPage) or one paged by the URL (hrefOf, from a server component).
export type PagerProps = PagerBase & ({ onPage: (page: number) => void; hrefOf?: never } | { hrefOf: (page: number) => string; onPage?: never });

// Previous/Next through a list of known length, with "Users 51–100 of 260". Nothing shows while the list
// fits on one page. (Lists paged by a cursor, newest first, use Pagination instead.)
export function Pager(props: PagerProps) {
  const { page, pageSize, total, label, noun } = props;
  const pages = Math.ceil(total / pageSize);
  if (pages <= 1) return null;
  const first = page * pageSize + 1;
  const last = Math.min(total, first + pageSize - 1);
  const step = (to: number, enabled: boolean, children: ReactNode) => {
    if (props.hrefOf) {
      const classes = buttonVariants({ variant: "secondary", size: "sm" });
      return enabled ? (
        <Link href={props.hrefOf(to)} className={classes}>
          {children}
        </Link>
      ) : (
        <span aria-disabled="true" className={classes}>
          {children}
        </span>
      );
    }
    return (
      <Button size="sm" variant="secondary" disabled={!enabled} onClick={() => props.onPage(to)}>
        {children}
      </Button>
    );
  };
  return (
    <nav aria-label={label} className="mt-2 flex items-center justify-end gap-2">
      <span className="text-xs text-fg-muted" aria-live="polite">
        {noun} {first}–{last} of {total}
      </span>
      {step(page - 1, page > 0, <><ChevronLeft aria-hidden="true" />Previous</>)}
      {step(page + 1, page < pages - 1, <>Next<ChevronRight aria-hidden="true" /></>)}
    </nav>
  );
}

/** The page to show once the list has `total` rows: the same one if it still exists, else the last. */
export function clampPage(page: number, pageSize: number, total: number): number {
  return Math.max(0, Math.min(page, Math.ceil(total / pageSize) - 1));
}

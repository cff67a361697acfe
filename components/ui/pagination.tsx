import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonVariants } from "./button";
import { cn } from "./cn";

export type PaginationProps = {
  /** Link to the newest page, or null when this is it. */
  newestHref: string | null;
  /** Link to the next older page, or null on the last page. */
  olderHref: string | null;
  /** Names the navigation landmark, e.g. "Trace pages". */
  label: string;
  className?: string;
};

// Lists here page backwards from the newest entry by a cursor, so the way back is to the newest page
// rather than one page newer (the cursor of a newer page is not kept).
export function Pagination({ newestHref, olderHref, label, className }: PaginationProps) {
  if (newestHref === null && olderHref === null) return null;
  return (
    <nav aria-label={label} className={cn("mt-3 flex items-center justify-end gap-2", className)}>
      <PageLink href={newestHref}>
        <ChevronLeft aria-hidden="true" />
        Newest
      </PageLink>
      <PageLink href={olderHref}>
        Older
        <ChevronRight aria-hidden="true" />
      </PageLink>
    </nav>
  );
}

function PageLink({ href, children }: { href: string | null; children: ReactNode }) {
  const classes = buttonVariants({ variant: "secondary", size: "sm" });
  if (href === null) {
    return (
      <span aria-disabled="true" className={classes}>
        {children}
      </span>
    );
  }
  return (
    <Link href={href} className={classes}>
      {children}
    </Link>
  );
}

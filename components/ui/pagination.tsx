import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonVariants } from "./button";
import { cn } from "./cn";

export type PaginationProps = {
  /** Link to the newer page, or null on the first page. */
  newerHref: string | null;
  /** Link to the older page, or null on the last page. */
  olderHref: string | null;
  label?: string;
  className?: string;
};

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

export function Pagination({ newerHref, olderHref, label = "Pagination", className }: PaginationProps) {
  if (newerHref === null && olderHref === null) return null;
  return (
    <nav aria-label={label} className={cn("mt-3 flex items-center justify-end gap-2", className)}>
      <PageLink href={newerHref}>
        <ChevronLeft aria-hidden="true" />
        Newer
      </PageLink>
      <PageLink href={olderHref}>
        Older
        <ChevronRight aria-hidden="true" />
      </PageLink>
    </nav>
  );
}

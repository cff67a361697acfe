import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonVariants } from "@/components/ui/button";

// The list pages backwards from the newest trace, so the way back is to the newest page.
export function TracePagination({ newestHref, olderHref }: { newestHref: string | null; olderHref: string | null }) {
  if (!newestHref && !olderHref) return null;
  return (
    <nav aria-label="Trace pages" className="mt-3 flex items-center justify-end gap-2">
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
  return href ? (
    <Link href={href} className={classes}>
      {children}
    </Link>
  ) : (
    <span aria-disabled="true" className={classes}>
      {children}
    </span>
  );
}

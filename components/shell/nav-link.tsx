"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export type NavLinkProps = {
  href: string;
  /** An icon element rendered by the server (component functions cannot cross into the client). */
  icon?: ReactNode;
  children: ReactNode;
  /** Id of text that describes the link without renaming it (e.g. a pending count). */
  describedBy?: string;
};

function isCurrentPath(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLink({ href, icon, children, describedBy }: NavLinkProps) {
  const pathname = usePathname() ?? "";
  const current = isCurrentPath(pathname, href);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      aria-describedby={describedBy}
      className={cn(
        "flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors [&_svg]:size-4 [&_svg]:shrink-0",
        current ? "bg-accent-soft text-accent" : "text-fg-muted hover:bg-surface-muted hover:text-fg",
        describedBy && "pr-10",
      )}
    >
      {icon ? <span aria-hidden="true" className="contents">{icon}</span> : null}
      {children}
    </Link>
  );
}

"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "./cn";

export type TabsNavProps = {
  tabs: { href: string; label: string }[];
  /** Accessible name for the tab list, e.g. "Agent sections". */
  label?: string;
  className?: string;
};

function pathOf(href: string): string {
  return href.split(/[?#]/)[0] ?? href;
}

// The current tab is the one whose path is the longest match, so an "Overview" tab at
// /agents/x does not stay lit on /agents/x/traces.
function currentTab(pathname: string, hrefs: string[]): string | undefined {
  return hrefs
    .filter((href) => {
      const path = pathOf(href);
      return pathname === path || pathname.startsWith(path.endsWith("/") ? path : `${path}/`);
    })
    .sort((a, b) => pathOf(b).length - pathOf(a).length)[0];
}

export function TabsNav({ tabs, label = "Sections", className }: TabsNavProps) {
  const pathname = usePathname() ?? "";
  const current = currentTab(
    pathname,
    tabs.map((tab) => tab.href),
  );
  return (
    <nav aria-label={label} className={cn("border-b border-border", className)}>
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {tabs.map((tab) => {
          const isCurrent = tab.href === current;
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={isCurrent ? "page" : undefined}
                className={cn(
                  "inline-flex h-9 items-center border-b-2 px-3 text-sm font-medium whitespace-nowrap transition-colors",
                  isCurrent
                    ? "border-accent text-fg"
                    : "border-transparent text-fg-muted hover:border-border-strong hover:text-fg",
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

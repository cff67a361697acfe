import { Radio } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { isRole, roleLabels } from "@/lib/auth/roles";
import { PendingApprovalsCount } from "@/components/approvals/pending-approvals-count";
import { OpenAlertsCount } from "@/components/alerts/open-alerts-count";
import { Badge } from "@/components/ui/badge";
import { NavLink } from "./nav-link";
import { visibleNav } from "./nav-items";
import { SignOutButton } from "./sign-out-button";

export type AppShellProps = {
  user: { name: string; email: string; role: string };
  permissions: string[];
  children: ReactNode;
};

export function AppShell({ user, permissions, children }: AppShellProps) {
  const groups = visibleNav(permissions);
  return (
    <div className="min-h-screen md:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:shadow-lg"
      >
        Skip to content
      </a>
      <header className="flex flex-col border-b border-border bg-surface md:sticky md:top-0 md:h-screen md:w-56 md:shrink-0 md:border-r md:border-b-0">
        <Link href="/" className="flex items-center gap-2 px-4 py-3 text-base font-semibold tracking-tight text-fg">
          <Radio aria-hidden="true" className="size-5 text-accent" />
          Control Room
        </Link>
        <nav aria-label="Main" className="flex flex-wrap gap-x-4 gap-y-2 px-2 pb-3 md:flex-1 md:flex-col md:flex-nowrap md:overflow-y-auto">
          {groups.map((group, index) => {
            const headingId = `nav-group-${index}`;
            return (
              <div key={group.label ?? index} className="flex flex-col gap-0.5 md:mt-2">
                {group.label ? (
                  <p id={headingId} className="px-2.5 pb-1 text-xs font-semibold tracking-wide text-fg-muted uppercase">
                    {group.label}
                  </p>
                ) : null}
                <ul
                  aria-labelledby={group.label ? headingId : undefined}
                  className="flex flex-wrap gap-0.5 md:flex-col md:flex-nowrap"
                >
                  {group.items.map((item) => (
                    <li key={item.href} className="relative">
                      <NavLink href={item.href} icon={<item.icon />} describedBy={item.count ? `nav-count-${item.count}` : undefined}>
                        {item.label}
                      </NavLink>
                      {item.count === "pendingApprovals" ? <PendingApprovalsCount descriptionId={`nav-count-${item.count}`} /> : null}
                      {item.count === "openAlerts" ? <OpenAlertsCount descriptionId={`nav-count-${item.count}`} /> : null}
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </nav>
        <div className="flex items-center gap-3 border-t border-border px-4 py-3 md:flex-col md:items-stretch md:gap-2">
          <div className="flex min-w-0 flex-1 flex-col gap-0.5">
            <div className="flex items-center gap-2">
              <span className="truncate text-sm font-medium text-fg">{user.name}</span>
              <Badge tone="info">{isRole(user.role) ? roleLabels[user.role] : user.role}</Badge>
            </div>
            <span className="truncate text-xs text-fg-muted" title={user.email}>
              {user.email}
            </span>
          </div>
          <SignOutButton className="w-auto md:w-full" />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-5 focus:outline-none md:px-6">
        {children}
      </main>
    </div>
  );
}

import { Activity, Bell, Siren, TrendingUp, ShieldCheck, Bot, ClipboardCheck, CircleDollarSign, KeyRound, LayoutDashboard, Webhook, ScrollText, Tags, Users, UsersRound, type LucideIcon } from "lucide-react";
import type { Permission } from "@/lib/auth/permissions";

export type NavItem = {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Hidden unless the user holds this permission; lib/ still enforces it on every read. */
  permission: Permission;
  /** A live count shown beside the link (outside it, so the link's name stays the label). */
  count?: "pendingApprovals" | "openAlerts";
};

/** A labelled group of items; the top group has no label. */
export type NavGroup = {
  label: string | null;
  items: NavItem[];
};

export const navGroups: NavGroup[] = [
  {
    label: null,
    items: [
      { href: "/", label: "Overview", icon: LayoutDashboard, permission: "dashboard:read" },
      { href: "/agents", label: "Agents", icon: Bot, permission: "agents:read" },
      { href: "/traces", label: "Traces", icon: Activity, permission: "traces:read" },
      { href: "/costs", label: "Costs", icon: CircleDollarSign, permission: "costs:read" },
      { href: "/approvals", label: "Approvals", icon: ClipboardCheck, permission: "approvals:read", count: "pendingApprovals" },
      { href: "/decisions", label: "Decisions", icon: ShieldCheck, permission: "approvals:read" },
      { href: "/drift", label: "Drift", icon: TrendingUp, permission: "drift:read" },
      { href: "/alerts", label: "Alerts", icon: Bell, permission: "alerts:read", count: "openAlerts" },
      { href: "/incidents", label: "Incidents", icon: Siren, permission: "incidents:read" },
      { href: "/audit", label: "Audit log", icon: ScrollText, permission: "audit:read" },
    ],
  },
  {
    label: "Admin",
    items: [
      { href: "/admin/users", label: "Users", icon: Users, permission: "users:manage" },
      { href: "/admin/teams", label: "Teams", icon: UsersRound, permission: "teams:manage" },
      { href: "/admin/keys", label: "API keys", icon: KeyRound, permission: "keys:manage" },
      { href: "/admin/prices", label: "Prices", icon: Tags, permission: "prices:manage" },
      { href: "/admin/webhooks", label: "Webhooks", icon: Webhook, permission: "alerts:manage" },
    ],
  },
];

export function visibleNav(permissions: readonly string[]): NavGroup[] {
  const held = new Set(permissions);
  return navGroups
    .map((group) => ({ ...group, items: group.items.filter((item) => held.has(item.permission)) }))
    .filter((group) => group.items.length > 0);
}

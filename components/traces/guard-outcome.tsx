import { ShieldCheck, ShieldEllipsis, ShieldMinus, ShieldX, type LucideIcon } from "lucide-react";
import { Badge, type Tone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { GuardOutcome } from "@/lib/guard/guard-decision-view";

type OutcomeDisplay = { tone: Tone; label: string; short: string; title: string; icon: LucideIcon; iconClass: string };

export const outcomeDisplay: Record<GuardOutcome, OutcomeDisplay> = {
  allow: { tone: "ok", label: "Allowed", short: "Allowed", title: "The guard allowed the action", icon: ShieldCheck, iconClass: "text-ok-fg" },
  deny: { tone: "danger", label: "Denied", short: "Denied", title: "The guard blocked the action", icon: ShieldX, iconClass: "text-danger-fg" },
  pending: { tone: "warn", label: "Held · pending", short: "Pending", title: "Held for a reviewer, who has not decided yet", icon: ShieldEllipsis, iconClass: "text-warn-fg" },
  approved: { tone: "ok", label: "Held · approved", short: "Approved", title: "Held, then approved by a reviewer", icon: ShieldCheck, iconClass: "text-ok-fg" },
  rejected: { tone: "danger", label: "Held · rejected", short: "Rejected", title: "Held, then rejected by a reviewer", icon: ShieldX, iconClass: "text-danger-fg" },
  expired: { tone: "danger", label: "Held · expired", short: "Expired", title: "Held, and nobody decided before it expired (deny)", icon: ShieldMinus, iconClass: "text-danger-fg" },
};

export function GuardOutcomeBadge({ outcome }: { outcome: GuardOutcome }) {
  const display = outcomeDisplay[outcome];
  return (
    <Badge tone={display.tone} title={display.title} data-outcome={outcome}>
      <display.icon aria-hidden="true" className="size-3" />
      {display.label}
    </Badge>
  );
}

// The shield on a waterfall row: the most severe outcome among the span's decisions, and how many there were.
export function GuardShield({ outcome, count, className }: { outcome: GuardOutcome; count: number; className?: string }) {
  const display = outcomeDisplay[outcome];
  return (
    <span
      className={cn("inline-flex items-center gap-0.5 text-[11px] font-semibold whitespace-nowrap", display.iconClass, className)}
      title={`Guard: ${display.label}${count > 1 ? ` (${count} decisions)` : ""}`}
      data-testid="guard-shield"
      data-outcome={outcome}
    >
      <display.icon aria-hidden="true" className="size-3.5" />
      {outcome === "allow" || outcome === "approved" ? null : display.short}
      {count > 1 ? <span className="font-normal tabular-nums">×{count}</span> : null}
    </span>
  );
}

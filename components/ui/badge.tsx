import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export type Tone = "ok" | "warn" | "danger" | "info" | "muted";

export const badgeVariants = cva(
  "inline-flex items-center gap-1.5 rounded-full border px-2 py-px text-xs font-medium whitespace-nowrap",
  {
    variants: {
      tone: {
        ok: "border-ok/30 bg-ok-soft text-ok-fg",
        warn: "border-warn/30 bg-warn-soft text-warn-fg",
        danger: "border-danger/30 bg-danger-soft text-danger-fg",
        info: "border-info/30 bg-info-soft text-info-fg",
        muted: "border-muted/30 bg-muted-soft text-muted-fg",
      },
    },
    defaultVariants: { tone: "muted" },
  },
);

const dotTone: Record<Tone, string> = {
  ok: "bg-ok",
  warn: "bg-warn",
  danger: "bg-danger",
  info: "bg-info",
  muted: "bg-muted",
};

export type BadgeProps = ComponentProps<"span"> &
  VariantProps<typeof badgeVariants> & {
    /** Show a small leading dot in the tone colour (decorative; the text carries the meaning). */
    dot?: boolean;
  };

export function Badge({ tone, dot = false, className, children, ...props }: BadgeProps) {
  return (
    <span className={cn(badgeVariants({ tone }), className)} {...props}>
      {dot ? <span aria-hidden="true" className={cn("size-1.5 rounded-full", dotTone[tone ?? "muted"])} /> : null}
      {children}
    </span>
  );
}

export type AgentStatus = "active" | "paused" | "terminated";

const agentStatusDisplay: Record<AgentStatus, { tone: Tone; label: string }> = {
  active: { tone: "ok", label: "Active" },
  paused: { tone: "warn", label: "Paused" },
  terminated: { tone: "danger", label: "Terminated" },
};

export type StatusBadgeProps = Omit<BadgeProps, "tone" | "dot" | "children"> & {
  /** Unknown values render as a muted badge with the raw value, never as a blank. */
  status: AgentStatus | (string & {});
};

export function StatusBadge({ status, ...props }: StatusBadgeProps) {
  const display = agentStatusDisplay[status as AgentStatus] ?? { tone: "muted" as const, label: status };
  return (
    <Badge tone={display.tone} dot data-status={status} {...props}>
      {display.label}
    </Badge>
  );
}

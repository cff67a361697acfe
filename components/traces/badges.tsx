import { Badge, type BadgeProps, type Tone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { SpanKind, SpanStatus } from "@/lib/traces/span-model";

const statusDisplay: Record<SpanStatus, { tone: Tone; label: string; title: string }> = {
  ok: { tone: "ok", label: "OK", title: "Finished without an error" },
  error: { tone: "danger", label: "Error", title: "Finished with an error" },
  unset: { tone: "muted", label: "Unset", title: "The agent did not set a status" },
};

export function TraceStatusBadge({ status, inProgress = false, ...props }: Omit<BadgeProps, "tone" | "children"> & { status: SpanStatus; inProgress?: boolean }) {
  // A trace without its root span yet carries a child's status: "OK" there would say the task finished.
  if (inProgress) {
    return (
      <Badge tone="info" dot title="The root span has not arrived yet: the task is still running" data-status="running" {...props}>
        In progress
      </Badge>
    );
  }
  const display = statusDisplay[status] ?? { tone: "muted" as const, label: status, title: status };
  return (
    <Badge tone={display.tone} dot title={display.title} data-status={status} {...props}>
      {display.label}
    </Badge>
  );
}

export const kindLabels: Record<SpanKind, string> = {
  agent: "Agent",
  llm: "LLM",
  tool: "Tool",
  retrieval: "Retrieval",
  workflow: "Workflow",
  other: "Other",
};

// Kinds are categories, not states: each has its own hue, and the label always says which it is.
export const kindBarClasses: Record<SpanKind, string> = {
  agent: "bg-[#be185d]",
  llm: "bg-info",
  tool: "bg-[#7c3aed]",
  retrieval: "bg-[#0f766e]",
  workflow: "bg-fg-muted",
  other: "bg-border-strong",
};

export function SpanKindBadge({ kind, className }: { kind: SpanKind; className?: string }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded border border-border px-1.5 text-[11px] leading-4 font-medium whitespace-nowrap text-fg-muted",
        className,
      )}
    >
      <span aria-hidden="true" className={cn("size-2 rounded-sm", kindBarClasses[kind] ?? kindBarClasses.other)} />
      {kindLabels[kind] ?? kind}
    </span>
  );
}

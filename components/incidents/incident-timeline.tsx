import { Bell, BookOpen, CircleCheckBig, ClipboardCheck, Cpu, Eye, GitCommitHorizontal, History, ShieldCheck, ShieldX, Siren, type LucideIcon } from "lucide-react";
import Link from "next/link";
import type { Tone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import type { TimelineKind } from "@/lib/incidents/timeline";
import type { TimelineRow } from "@/lib/incidents/queries";

// Each kind: an icon, a colour and a name (the name is the text; colour is never alone).
const kinds: Record<TimelineKind, { icon: LucideIcon; tone: Tone; label: string }> = {
  alert: { icon: Bell, tone: "danger", label: "Alert" },
  version: { icon: GitCommitHorizontal, tone: "info", label: "Version" },
  knowledge_base: { icon: BookOpen, tone: "info", label: "Knowledge base" },
  policy: { icon: ShieldCheck, tone: "info", label: "Policy" },
  provider_model: { icon: Cpu, tone: "info", label: "Provider model" },
  rollback: { icon: History, tone: "warn", label: "Rollback" },
  decision: { icon: ShieldX, tone: "warn", label: "Guard decisions" },
  approval: { icon: ClipboardCheck, tone: "muted", label: "Approval" },
  acknowledged: { icon: Eye, tone: "muted", label: "Acknowledged" },
  incident_opened: { icon: Siren, tone: "danger", label: "Incident opened" },
  resolved: { icon: CircleCheckBig, tone: "ok", label: "Resolved" },
};

const toneClasses: Record<Tone, string> = {
  ok: "border-ok/40 bg-ok-soft text-ok-fg",
  warn: "border-warn/40 bg-warn-soft text-warn-fg",
  danger: "border-danger/40 bg-danger-soft text-danger-fg",
  info: "border-info/40 bg-info-soft text-info-fg",
  muted: "border-muted/40 bg-muted-soft text-muted-fg",
};

// The incident's story, oldest first: what changed, what the guard did, who acted.
export function IncidentTimeline({ entries }: { entries: TimelineRow[] }) {
  if (entries.length === 0) {
    return <EmptyState title="Nothing on the timeline yet." description="Changes to the agent, guard decisions and actions on this incident appear here as they happen." />;
  }
  return (
    <ol className="flex flex-col" aria-label="Incident timeline" data-testid="incident-timeline">
      {entries.map((entry, index) => {
        const kind = kinds[entry.kind];
        const Icon = kind.icon;
        return (
          <li key={`${index}-${entry.kind}`} className="relative flex gap-3 pb-4 last:pb-0" data-kind={entry.kind}>
            {index < entries.length - 1 ? <span aria-hidden="true" className="absolute top-8 bottom-0 left-[15px] w-px bg-border" /> : null}
            <span aria-hidden="true" className={cn("z-10 flex size-8 shrink-0 items-center justify-center rounded-full border [&_svg]:size-4", toneClasses[kind.tone])}>
              <Icon />
            </span>
            <div className="flex min-w-0 flex-col gap-0.5 pt-1">
              <div className="flex flex-wrap items-baseline gap-x-2 text-xs">
                <span className="font-semibold text-fg">{kind.label}</span>
                <RelativeTime value={entry.at} className="text-fg-muted" />
              </div>
              <p className="text-sm break-words text-fg">
                {entry.ref?.href ? (
                  <Link href={entry.ref.href} className="underline-offset-2 hover:text-accent hover:underline">
                    {entry.summary}
                  </Link>
                ) : (
                  entry.summary
                )}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

import { History } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { DeploymentKind } from "@/lib/versions/schemas";
import { UngatedBadge } from "./stage-badge";
import { VersionLink } from "./version-link";

export type DeploymentEvent = {
  at: Date | string;
  kind: DeploymentKind;
  label: string;
  fromLabel: string | null;
  fromStage: string | null;
  toStage: string | null;
  canaryPercent: number | null;
  by: string;
  reason: string | null;
  ungated: boolean;
};

const kindText: Record<DeploymentKind, string> = {
  promoted: "Promoted",
  canary_started: "Canary started",
  canary_ended: "Canary ended",
  production_requested: "Production requested",
  production_approved: "Production approved",
  production_rejected: "Production request rejected",
  rolled_back: "Rolled back",
};

// "Promoted" says little: name where it went.
function kindOf(event: DeploymentEvent) {
  if (event.kind === "promoted" && event.toStage === "staging") return "Moved to staging";
  if (event.kind === "promoted" && event.toStage === "production") return "Deployed to production";
  return kindText[event.kind] ?? event.kind;
}

function movement(event: DeploymentEvent) {
  if (event.kind === "rolled_back") return `production ${event.fromLabel ?? "?"} → ${event.label}`;
  if (event.fromStage && event.toStage && event.fromStage !== event.toStage) return `${event.fromStage} → ${event.toStage}`;
  return event.toStage ?? "";
}

// The agent's deployment history, newest first: what moved where, who did it and why.
export function DeploymentTimeline({ slug, events }: { slug: string; events: DeploymentEvent[] }) {
  if (events.length === 0) {
    return (
      <EmptyState
        icon={<History />}
        title="Nothing deployed yet"
        description="Moves between stages, canaries, production requests and rollbacks appear here, newest first."
      />
    );
  }
  return (
    <Table label="Deployment timeline">
      <THead>
        <tr>
          <TH>When</TH>
          <TH>What</TH>
          <TH>Version</TH>
          <TH>From → to</TH>
          <TH numeric>Canary share</TH>
          <TH>By</TH>
          <TH>Reason</TH>
        </tr>
      </THead>
      <TBody>
        {events.map((event, index) => (
          <TR key={`${String(event.at)}-${index}`} data-testid="deployment-event" data-kind={event.kind}>
            <TD>
              <RelativeTime value={event.at} />
            </TD>
            <TD>
              <span className="flex items-center gap-1.5 whitespace-nowrap">
                {kindOf(event)}
                {event.ungated ? <UngatedBadge /> : null}
              </span>
            </TD>
            <TD>
              <VersionLink slug={slug} label={event.label} />
            </TD>
            <TD>
              <span className="text-xs whitespace-nowrap">{movement(event)}</span>
            </TD>
            <TD numeric>{event.canaryPercent != null ? `${event.canaryPercent}%` : <span className="text-fg-muted">—</span>}</TD>
            <TD>
              <span className="text-xs">{event.by}</span>
            </TD>
            <TD>
              {event.reason ? (
                <span className="line-clamp-2 max-w-sm text-xs" title={event.reason}>
                  {event.reason}
                </span>
              ) : (
                <span className="text-fg-muted">—</span>
              )}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

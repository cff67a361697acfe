import { OpenAlertsPanel } from "@/components/alerts/open-alerts-panel";
import { ApprovalTiles } from "@/components/overview/approval-tiles";
import { BlockedTiles } from "@/components/overview/blocked-tiles";
import { FleetTiles } from "@/components/overview/fleet-tiles";
import { IncidentTiles } from "@/components/overview/incident-tiles";
import { TrafficTiles } from "@/components/overview/traffic-tiles";
import { FleetMaturityTile } from "@/components/maturity/fleet-maturity-tile";
import { PageHeader } from "@/components/ui/page-header";
import { getFleetStatus, type FleetStatus } from "@/lib/agents/fleet-status";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { getApprovalStats, type ApprovalStats } from "@/lib/approvals/approval-stats";
import { getBlockedPerHour, type BlockedPerHour } from "@/lib/guard/blocked-per-hour";
import { getTrafficStats, type TrafficStats } from "@/lib/traces/traffic-stats";
import { getResolutionStats, type ResolutionStats } from "@/lib/incidents/resolution-stats";
import { getFleetMaturity } from "@/lib/maturity/get-maturity";
import type { FleetMaturity } from "@/lib/maturity/schemas";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const principal = await requirePrincipal();
  // Each live query retries from the browser and shows its error state if it still fails.
  const [initialData, traffic, approvals, blocked, incidents, maturity] = await Promise.all([
    getFleetStatus(principal).catch(firstPaintFailed<FleetStatus>("fleet")),
    getTrafficStats(principal).catch(firstPaintFailed<TrafficStats>("traffic")),
    getApprovalStats(principal).catch(firstPaintFailed<ApprovalStats>("approvals")),
    getBlockedPerHour(principal).catch(firstPaintFailed<BlockedPerHour>("blocked actions")),
    getResolutionStats(principal).catch(firstPaintFailed<ResolutionStats>("incidents")),
    getFleetMaturity(principal).catch(firstPaintFailed<FleetMaturity>("maturity")),
  ]);
  return (
    <>
      <PageHeader title="Overview" description="Your teams' agents at a glance." />
      <div className="flex flex-col gap-6">
        <OpenAlertsPanel canOpenIncident={roleCan(principal.role, "incidents:open")} />
        <TrafficTiles initialData={traffic} />
        <ApprovalTiles initialData={approvals} />
        <IncidentTiles initialData={incidents} />
        <BlockedTiles initialData={blocked} />
        <FleetMaturityTile initialData={maturity} />
        <FleetTiles initialData={initialData} canCreateAgents={roleCan(principal.role, "agents:create")} />
      </div>
    </>
  );
}

const firstPaintFailed =
  <T,>(what: string) =>
  (error: unknown): T | null => {
    console.error(`[control-room] overview first paint (${what}) failed`, error);
    return null;
  };

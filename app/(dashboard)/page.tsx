import { FleetTiles } from "@/components/overview/fleet-tiles";
import { PageHeader } from "@/components/ui/page-header";
import { getFleetStatus, type FleetStatus } from "@/lib/agents/fleet-status";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const principal = await requirePrincipal();
  let initialData: FleetStatus | null = null;
  try {
    initialData = await getFleetStatus(principal);
  } catch (error) {
    // The live query retries from the browser and shows the error state if it still fails.
    console.error("[control-room] overview first paint failed", error);
  }
  return (
    <>
      <PageHeader title="Overview" description="Your teams' agents at a glance." />
      <FleetTiles initialData={initialData} canCreateAgents={roleCan(principal.role, "agents:create")} />
    </>
  );
}

import type { Metadata } from "next";
import { FleetDrift } from "@/components/drift/fleet-drift";
import { PageHeader } from "@/components/ui/page-header";
import { listAgents } from "@/lib/agents/list-agents";
import { requirePrincipal } from "@/lib/auth/session";
import type { DriftMonitorRow } from "@/lib/drift/queries";
import { listDriftMonitors } from "@/lib/drift/series/monitors-source";

export const metadata: Metadata = { title: "Drift" };

export default async function DriftPage() {
  const principal = await requirePrincipal();
  // The live query retries from the browser and shows its error state if it still fails.
  const [initialData, agents] = await Promise.all([
    listDriftMonitors(principal).catch((error: unknown): DriftMonitorRow[] | null => {
      console.error("[control-room] drift first paint failed", error);
      return null;
    }),
    listAgents(principal).catch(() => []),
  ]);
  return (
    <>
      <PageHeader
        title="Drift"
        description="Each production agent's behaviour against the baseline taken at its first production deploy: outcome rates, tool mix, cost, latency, steps, errors and guard verdicts. A drifting metric links to its chart with the changes around it."
      />
      <FleetDrift
        initialData={initialData}
        initialDataUpdatedAt={Date.now()}
        agents={agents.filter((agent) => agent.status !== "terminated").map((agent) => ({ slug: agent.slug, name: agent.name }))}
      />
    </>
  );
}

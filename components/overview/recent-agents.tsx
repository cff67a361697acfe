import Link from "next/link";
import { StatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { DeployedVersions } from "@/components/versions/deployed-versions";
import type { FleetStatus } from "@/lib/agents/fleet-status";

export function RecentAgents({ agents }: { agents: FleetStatus["recent"] }) {
  return (
    <section aria-labelledby="recently-seen-title" className="flex flex-col gap-2">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="recently-seen-title" className="text-sm font-semibold text-fg">
          Recently seen
        </h2>
        <Link href="/agents" className="text-xs font-medium text-accent underline-offset-2 hover:underline">
          All agents
        </Link>
      </div>
      {agents.length === 0 ? (
        <EmptyState
          title="No active or paused agents"
          description="Every agent in your teams is terminated. Terminated agents are listed on the Agents page."
        />
      ) : (
        <Table label="Recently seen agents">
          <THead>
            <tr>
              <TH>Agent</TH>
              <TH>Team</TH>
              <TH>Version</TH>
              <TH>Status</TH>
              <TH>Last seen</TH>
            </tr>
          </THead>
          <TBody>
            {agents.map((agent) => (
              <TR key={agent.slug}>
                <TD>
                  <Link href={`/agents/${agent.slug}`} className="font-medium text-accent underline-offset-2 hover:underline">
                    {agent.name}
                  </Link>
                  <span className="ml-2 font-mono text-xs text-fg-muted">{agent.slug}</span>
                </TD>
                <TD>{agent.team}</TD>
                <TD>
                  <DeployedVersions slug={agent.slug} productionVersion={agent.productionVersion} canary={agent.canary} />
                </TD>
                <TD>
                  <StatusBadge status={agent.status} />
                </TD>
                <TD>
                  <RelativeTime value={agent.lastSeenAt} emptyLabel="never" />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}

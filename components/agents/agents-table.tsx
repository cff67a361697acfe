import Link from "next/link";
import { StatusBadge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { DeployedVersions } from "@/components/versions/deployed-versions";
import type { AgentView } from "@/lib/agents/agent-view";
import { sortHrefFor, type AgentListParams, type AgentSortKey } from "./agent-list-params";

function NoneCell() {
  return (
    <>
      <span aria-hidden="true" className="text-fg-muted">
        —
      </span>
      <span className="sr-only">None</span>
    </>
  );
}

export function AgentsTable({ agents, params }: { agents: AgentView[]; params: AgentListParams }) {
  const sortProps = (key: AgentSortKey) => ({
    sort: params.sort === key ? params.dir : ("none" as const),
    sortHref: sortHrefFor(params, key),
  });
  return (
    <Table label="Agents">
      <THead>
        <tr>
          <TH {...sortProps("name")}>Agent</TH>
          <TH {...sortProps("team")}>Team</TH>
          <TH>Owner</TH>
          <TH>Version (production · canary)</TH>
          <TH {...sortProps("status")}>Status</TH>
          <TH {...sortProps("lastSeen")}>Last seen</TH>
        </tr>
      </THead>
      <TBody>
        {agents.map((agent) => (
          <TR key={agent.id} data-testid="agent-row" data-slug={agent.slug}>
            <TD>
              <Link href={`/agents/${agent.slug}`} className="font-medium text-accent underline-offset-2 hover:underline">
                {agent.name}
              </Link>
              <div className="font-mono text-xs text-fg-muted">{agent.slug}</div>
            </TD>
            <TD>{agent.team}</TD>
            <TD>{agent.owner ? <span title={agent.owner.email}>{agent.owner.name}</span> : <NoneCell />}</TD>
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
  );
}

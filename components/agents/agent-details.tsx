import type { ReactNode } from "react";
import { StatusBadge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import type { AgentView } from "@/lib/agents/agent-view";
import { DeployedVersions } from "@/components/versions/deployed-versions";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-3 border-b border-border py-2 last:border-b-0">
      <dt className="text-xs font-medium text-fg-muted">{label}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

const none = <span className="text-fg-muted">None</span>;

export function AgentDetails({ agent }: { agent: AgentView }) {
  return (
    <Card aria-labelledby="agent-details-title">
      <CardHeader>
        <CardTitle id="agent-details-title">Details</CardTitle>
      </CardHeader>
      <CardContent className="py-1">
        <dl>
          <Row label="Name">{agent.name}</Row>
          <Row label="Slug">
            <span className="font-mono text-xs">{agent.slug}</span>
          </Row>
          <Row label="Status">
            <StatusBadge status={agent.status} />
          </Row>
          <Row label="Team">{agent.team}</Row>
          <Row label="Owner">
            {agent.owner ? (
              <>
                {agent.owner.name} <span className="text-fg-muted">({agent.owner.email})</span>
              </>
            ) : (
              none
            )}
          </Row>
          <Row label="Version">
            {agent.productionVersion || agent.canary ? (
              <DeployedVersions slug={agent.slug} productionVersion={agent.productionVersion} canary={agent.canary} linked />
            ) : (
              <span className="text-fg-muted">None in production yet</span>
            )}
          </Row>
          <Row label="Description">{agent.description ? <span className="whitespace-pre-line">{agent.description}</span> : none}</Row>
          <Row label="Last seen">
            <RelativeTime value={agent.lastSeenAt} emptyLabel="never" />
          </Row>
          <Row label="Created">
            <RelativeTime value={agent.createdAt} />
          </Row>
          <Row label="Last updated">
            <RelativeTime value={agent.updatedAt} />
          </Row>
        </dl>
      </CardContent>
    </Card>
  );
}

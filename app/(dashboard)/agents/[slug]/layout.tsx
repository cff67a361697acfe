import { forbidden, notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AgentActions } from "@/components/agents/agent-actions";
import { AgentStatusNotice } from "@/components/agents/agent-status-notice";
import { OpenAlertsPanel } from "@/components/alerts/open-alerts-panel";
import { RollbackDialog } from "@/components/agents/rollback-dialog";
import { DeployedVersions } from "@/components/versions/deployed-versions";
import { StatusBadge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { TabsNav } from "@/components/ui/tabs-nav";
import type { AgentView } from "@/lib/agents/agent-view";
import { getAgent } from "@/lib/agents/get-agent";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors/app-error";
import { listDeployments } from "@/lib/versions/list-versions";

type AgentLayoutProps = { children: ReactNode; params: Promise<{ slug: string }> };

const tabs = [
  { path: "", label: "Overview" },
  { path: "/traces", label: "Traces" },
  { path: "/policies", label: "Policies" },
  { path: "/versions", label: "Versions" },
  { path: "/drift", label: "Drift" },
  { path: "/datasets", label: "Datasets" },
  { path: "/evaluations", label: "Evaluations" },
  { path: "/costs", label: "Costs" },
];

export default async function AgentLayout({ children, params }: AgentLayoutProps) {
  const principal = await requirePrincipal();
  const { slug } = await params;
  let agent: AgentView;
  try {
    agent = await getAgent(principal, slug);
  } catch (error) {
    // 404 and 403 with app/(dashboard)/not-found.tsx and forbidden.tsx, inside the app shell.
    if (isAppError(error) && error.code === "not_found") notFound();
    if (isAppError(error) && error.code === "forbidden") forbidden();
    throw error;
  }

  const can = {
    update: roleCan(principal.role, "agents:update"),
    pause: roleCan(principal.role, "agents:pause"),
    resume: roleCan(principal.role, "agents:resume"),
    terminate: roleCan(principal.role, "agents:terminate"),
  };
  const base = `/agents/${agent.slug}`;
  const rollbackTargets = await rollbackTargetsFor(principal, agent);

  return (
    <>
      <PageHeader
        title={agent.name}
        description={agent.description ? <span className="line-clamp-2">{agent.description}</span> : undefined}
        actions={
          <>
            <AgentActions slug={agent.slug} name={agent.name} status={agent.status} can={can} />
            {agent.productionVersion && rollbackTargets.length > 0 ? (
              <RollbackDialog slug={agent.slug} name={agent.name} production={agent.productionVersion} canary={agent.canary} targets={rollbackTargets} />
            ) : null}
          </>
        }
      >
        <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm" data-testid="agent-summary">
          <SummaryItem label="Slug">
            <span className="font-mono text-xs">{agent.slug}</span>
          </SummaryItem>
          <SummaryItem label="Status">
            <StatusBadge status={agent.status} data-testid="agent-status" />
          </SummaryItem>
          <SummaryItem label="Version">
            <DeployedVersions slug={agent.slug} productionVersion={agent.productionVersion} canary={agent.canary} linked />
          </SummaryItem>
          <SummaryItem label="Team">{agent.team}</SummaryItem>
          <SummaryItem label="Owner">
            {agent.owner ? <span title={agent.owner.email}>{agent.owner.name}</span> : <span className="text-fg-muted">None</span>}
          </SummaryItem>
          <SummaryItem label="Last seen">
            <RelativeTime value={agent.lastSeenAt} emptyLabel="never" />
          </SummaryItem>
          <SummaryItem label="Created">
            <RelativeTime value={agent.createdAt} />
          </SummaryItem>
        </dl>
        <AgentStatusNotice status={agent.status} />
        <OpenAlertsPanel agent={agent.slug} canOpenIncident={roleCan(principal.role, "incidents:open")} />
        <TabsNav label="Agent sections" tabs={tabs.map((tab) => ({ href: `${base}${tab.path}`, label: tab.label }))} />
      </PageHeader>
      {children}
    </>
  );
}

// Versions that were in production before the current one, most recent first: what a rollback may pick.
// Only fetched for those who may roll back (operators and admins) while something is in production.
async function rollbackTargetsFor(principal: Awaited<ReturnType<typeof requirePrincipal>>, agent: AgentView): Promise<string[]> {
  if (!agent.productionVersion || agent.status === "terminated" || !roleCan(principal.role, "versions:rollback")) return [];
  const events = await listDeployments(principal, agent.slug);
  const becameProduction = events.filter((event) => event.toStage === "production" && ["promoted", "production_approved", "rolled_back"].includes(event.kind));
  return [...new Set(becameProduction.map((event) => event.label))].filter((label) => label !== agent.productionVersion);
}

function SummaryItem({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs font-medium text-fg-muted">{label}</dt>
      <dd className="flex items-center">{children}</dd>
    </div>
  );
}

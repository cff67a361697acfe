import { AutoRefresh } from "@/components/ui/auto-refresh";
import { AgentConnectCard } from "@/components/agents/agent-connect-card";
import { AgentGuardSummary } from "@/components/guard/agent-guard-summary";
import { AgentDetails } from "@/components/agents/agent-details";
import { AgentKeysCard } from "@/components/agents/agent-keys-card";
import { getAgent } from "@/lib/agents/get-agent";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { getAgentGuardSummary } from "@/lib/guard/agent-guard-summary";
import { listKeys } from "@/lib/keys/list-keys";
import { MaturityCard } from "@/components/maturity/maturity-card";
import { ErrorState } from "@/components/ui/error-state";
import { getAgentMaturity } from "@/lib/maturity/get-maturity";

type AgentPageProps = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: AgentPageProps) {
  return { title: (await params).slug };
}

export default async function AgentOverviewPage({ params }: AgentPageProps) {
  const principal = await requirePrincipal();
  const { slug } = await params;
  // The layout shows why an agent cannot be loaded (missing, or another team's).
  const agent = await getAgent(principal, slug).catch(() => null);
  if (!agent) return null;
  const [keys, guardSummary, maturity] = await Promise.all([
    roleCan(principal.role, "keys:read") ? listKeys(principal, { agent: agent.slug }) : null,
    getAgentGuardSummary(principal, agent.id).catch((error: unknown) => {
      console.error("[control-room] agent guard summary failed", error);
      return null;
    }),
    getAgentMaturity(principal, agent.slug).catch((error: unknown) => {
      console.error("[control-room] agent maturity failed", error);
      return null;
    }),
  ]);
  return (
    <div className="flex flex-col gap-3">
      <AutoRefresh />
      <div className="grid gap-4 xl:grid-cols-2">
        <div className="flex flex-col gap-4">
          <AgentDetails agent={agent} />
          {maturity ? (
            <MaturityCard maturity={maturity} slug={agent.slug} />
          ) : (
            <ErrorState title="Maturity unavailable" message="The maturity level could not be worked out. It is tried again on the next refresh." retryHref={`/agents/${agent.slug}`} />
          )}
        </div>
        <div className="flex flex-col gap-4">
          {guardSummary ? <AgentGuardSummary summary={guardSummary} slug={agent.slug} /> : null}
          {keys ? <AgentKeysCard slug={agent.slug} keys={keys} /> : null}
          <AgentConnectCard />
        </div>
      </div>
    </div>
  );
}

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
  const [keys, guardSummary] = await Promise.all([
    roleCan(principal.role, "keys:read") ? listKeys(principal, { agent: agent.slug }) : null,
    getAgentGuardSummary(principal, agent.id).catch((error: unknown) => {
      console.error("[control-room] agent guard summary failed", error);
      return null;
    }),
  ]);
  return (
    <div className="flex flex-col gap-3">
      <AutoRefresh />
      <div className="grid gap-4 xl:grid-cols-2">
        <AgentDetails agent={agent} />
        <div className="flex flex-col gap-4">
          {guardSummary ? <AgentGuardSummary summary={guardSummary} slug={agent.slug} /> : null}
          {keys ? <AgentKeysCard slug={agent.slug} keys={keys} /> : null}
          <AgentConnectCard />
        </div>
      </div>
    </div>
  );
}

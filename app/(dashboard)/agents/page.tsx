import { Bot, Plus, SearchX } from "lucide-react";
import Link from "next/link";
import { Suspense } from "react";
import { AgentFilters } from "@/components/agents/agent-filters";
import { AGENT_PAGE_SIZE, agentListHref, hasFilters, parseAgentListParams, sortAgents } from "@/components/agents/agent-list-params";
import { AgentsTable } from "@/components/agents/agents-table";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRows } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";
import { clampPage, Pager } from "@/components/ui/pager";
import { listAgents } from "@/lib/agents/list-agents";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { listTeams } from "@/lib/teams/list-teams";

export const metadata = { title: "Agents" };

type AgentsPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// The skeleton is this page's own Suspense rather than agents/loading.tsx: a loading.tsx here would
// also wrap every /agents/[slug] page, streaming them after a 200 so a missing agent could not answer 404.
export default function AgentsPage(props: AgentsPageProps) {
  return (
    <Suspense fallback={<LoadingRows rows={8} columns={6} label="Loading agents…" />}>
      <AgentList {...props} />
    </Suspense>
  );
}

async function AgentList({ searchParams }: AgentsPageProps) {
  const principal = await requirePrincipal();
  const params = parseAgentListParams(await searchParams);
  const [agents, teams] = await Promise.all([
    listAgents(principal, { q: params.q, team: params.team, status: params.status }),
    listTeams(principal),
  ]);
  const canCreate = roleCan(principal.role, "agents:create");
  const filtered = hasFilters(params);
  // A page past the end (agents were removed, a stale link) shows the last one.
  const page = clampPage(params.page - 1, AGENT_PAGE_SIZE, agents.length);
  const shown = sortAgents(agents, params).slice(page * AGENT_PAGE_SIZE, (page + 1) * AGENT_PAGE_SIZE);

  return (
    <>
      <PageHeader
        title="Agents"
        description="Every agent your teams run: who owns it, what runs in production, and when it last called in."
        actions={
          canCreate ? (
            <Button asChild variant="primary">
              <Link href="/agents/new">
                <Plus aria-hidden="true" />
                Register agent
              </Link>
            </Button>
          ) : null
        }
      />
      <AgentFilters params={params} teams={teams.map((team) => team.name)} />
      {agents.length > 0 ? (
        <>
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <p className="text-xs text-fg-muted" data-testid="agent-count">
              {agents.length === 1 ? "1 agent" : `${agents.length} agents`}
              {filtered ? " match the filters" : ""}
            </p>
            <AutoRefresh />
          </div>
          <AgentsTable agents={shown} params={params} />
          <Pager
            page={page}
            pageSize={AGENT_PAGE_SIZE}
            total={agents.length}
            label="Agent pages"
            noun="Agents"
            hrefOf={(to) => agentListHref({ ...params, page: to + 1 })}
          />
        </>
      ) : filtered ? (
        <EmptyState
          icon={<SearchX />}
          title="No agents match"
          description="No agent in your teams matches this search, team and status."
          action={
            <Button asChild>
              <Link href={agentListHref({ sort: params.sort, dir: params.dir })}>Clear filters</Link>
            </Button>
          }
        />
      ) : canCreate ? (
        <EmptyState
          icon={<Bot />}
          title="No agents yet"
          description="Register an agent, then create an API key for it; it can then send traces and ask the guard before it acts."
          action={
            <Button asChild variant="primary">
              <Link href="/agents/new">Register your first agent</Link>
            </Button>
          }
        />
      ) : (
        <EmptyState
          icon={<Bot />}
          title="No agents in your teams yet"
          description="Agents appear here once a developer registers one in a team you belong to."
        />
      )}
    </>
  );
}

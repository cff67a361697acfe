import type { Metadata } from "next";
import { KeyRound } from "lucide-react";
import Link from "next/link";
import { listAgents } from "@/lib/agents/list-agents";
import { requirePrincipal } from "@/lib/auth/session";
import { roleCan } from "@/lib/auth/permissions";
import { toAppError } from "@/lib/http/error-response";
import { listKeys } from "@/lib/keys/list-keys";
import { requirePagePermission } from "@/components/auth/page-gate";
import { CreateKeyDialog } from "@/components/admin/create-key-dialog";
import { KEY_PAGE_SIZE, keysHref, loadKeyFilters } from "@/components/admin/key-filter-params";
import { KeysTable } from "@/components/admin/keys-table";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { clampPage, Pager } from "@/components/ui/pager";
import { Select } from "@/components/ui/select";

export const metadata: Metadata = { title: "API keys" };

const description = "Agents authenticate with agent keys; admin keys use the management API as their admin.";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function KeysPage({ searchParams }: { searchParams: SearchParams }) {
  const principal = await requirePrincipal();
  requirePagePermission(principal, "keys:read");
  const filters = await loadKeyFilters(searchParams);
  const agentFilter = filters.agent ?? undefined;
  const includeRevoked = filters.revoked === "1";

  let data;
  try {
    const [keys, agents] = await Promise.all([
      listKeys(principal, { agent: agentFilter, includeRevoked }),
      listAgents(principal),
    ]);
    data = { keys, agents };
  } catch (error) {
    const failure = toAppError(error);
    return (
      <>
        <PageHeader title="API keys" description={description} />
        <ErrorState title="API keys could not be loaded" message={failure.message} retryHref="/admin/keys" />
      </>
    );
  }

  const canManage = roleCan(principal.role, "keys:manage");
  const keyableAgents = data.agents
    .filter((agent) => agent.status !== "terminated")
    .map((agent) => ({ slug: agent.slug, name: agent.name, team: agent.team }));
  // A page past the end (keys were revoked, a stale link) shows the last one.
  const page = clampPage(Math.max(1, filters.page ?? 1) - 1, KEY_PAGE_SIZE, data.keys.length);
  const shown = data.keys.slice(page * KEY_PAGE_SIZE, (page + 1) * KEY_PAGE_SIZE);

  return (
    <>
      <PageHeader
        title="API keys"
        description={description}
        actions={
          canManage ? (
            <>
              <CreateKeyDialog kind="admin" />
              <CreateKeyDialog kind="agent" agents={keyableAgents} defaultAgent={agentFilter} />
            </>
          ) : null
        }
      />
      <form method="get" action="/admin/keys" aria-label="Filter API keys" className="mb-3 flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="keys-agent" className="text-xs font-medium text-fg">
            Agent
          </label>
          <Select id="keys-agent" name="agent" defaultValue={agentFilter ?? ""} wrapperClassName="w-56">
            <option value="">All keys</option>
            {data.agents.map((agent) => (
              <option key={agent.slug} value={agent.slug}>
                {agent.slug}
              </option>
            ))}
          </Select>
        </div>
        <label className="flex h-8 items-center gap-2 text-sm text-fg">
          <input type="checkbox" name="revoked" value="1" defaultChecked={includeRevoked} className="size-4 accent-accent" />
          Show revoked
        </label>
        <Button type="submit">Apply</Button>
        {agentFilter || includeRevoked ? (
          <Link href="/admin/keys" className="inline-flex h-8 items-center text-sm text-accent underline-offset-2 hover:underline">
            Clear filters
          </Link>
        ) : null}
      </form>
      {data.keys.length > 0 ? (
        <>
          <KeysTable keys={shown} canManage={canManage} />
          <Pager
            page={page}
            pageSize={KEY_PAGE_SIZE}
            total={data.keys.length}
            label="Key pages"
            noun="Keys"
            hrefOf={(to) => keysHref(agentFilter, { revoked: includeRevoked, page: to + 1 })}
          />
        </>
      ) : (
        <EmptyState
          icon={<KeyRound />}
          title={agentFilter ? `No ${includeRevoked ? "" : "active "}keys for ${agentFilter}` : includeRevoked ? "No API keys yet" : "No active API keys"}
          description={
            agentFilter
              ? "Create an agent key for it, or clear the filters to see every key."
              : "Create an agent key so an agent can send traces, ask the guard and fetch its config."
          }
        />
      )}
    </>
  );
}

import { NewScopeDialog } from "@/components/policies/new-scope-dialog";
import { PolicyPanel } from "@/components/policies/policy-panel";
import { PolicyProposals } from "@/components/policies/policy-proposals";
import { PolicyScopeList } from "@/components/policies/policy-scope-list";
import { loadPolicyScopeParams } from "@/components/policies/policy-scope-params";
import { ErrorState } from "@/components/ui/error-state";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors/app-error";
import { getPolicy } from "@/lib/policies/get-policy";
import { listPolicies } from "@/lib/policies/list-policies";
import { listProposals } from "@/lib/policies/list-proposals";
import { parseScopeKey, scopeKeyOf, scopeLabel } from "@/lib/policies/policy-scope";

export const metadata = { title: "Policies" };

type PoliciesPageProps = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// The agent's policies by scope (?scope=agent | workflow:<name> | decisionType:<name> | both), the
// selected scope's summary, editor and history, and the proposals waiting for an admin.
export default async function AgentPoliciesPage({ params, searchParams }: PoliciesPageProps) {
  const principal = await requirePrincipal();
  const { slug } = await params;
  const query = await loadPolicyScopeParams(searchParams);
  // The layout already refused a missing agent or another team's; anything else is a real failure.
  const [policies, proposals] = await Promise.all([listPolicies(principal, slug), listProposals(principal, slug)]);

  let names;
  try {
    names = parseScopeKey(query.scope ?? policies[0]?.scopeKey ?? "agent");
  } catch (error) {
    if (!isAppError(error)) throw error;
    return <ErrorState title="Unknown policy scope" message={error.message} retryHref={`/agents/${slug}/policies`} retryLabel="Show all scopes" />;
  }
  const scope = { key: scopeKeyOf(names), label: scopeLabel(names), ...names };
  const current = policies.find((policy) => policy.scopeKey === scope.key) ?? null;
  const detail = current ? await getPolicy(principal, slug, scope.key) : null;
  const can = { manage: roleCan(principal.role, "policies:manage"), propose: roleCan(principal.role, "policies:propose") };

  return (
    <section aria-label="Policies" className="flex flex-col gap-4">
      <h2 className="sr-only">Policies</h2>
      <div className="grid gap-4 md:grid-cols-[16rem_1fr]">
        <div className="flex flex-col gap-2">
          <div className="flex items-center justify-between gap-2">
            <h3 className="text-sm font-semibold">Scopes</h3>
            {can.manage || can.propose ? <NewScopeDialog slug={slug} existingKeys={policies.map((policy) => policy.scopeKey)} /> : null}
          </div>
          {policies.length === 0 && current === null && scope.key === "agent" ? (
            <p className="text-sm text-fg-muted">No policies yet: the guard denies every action of this agent until one lists its tools.</p>
          ) : (
            <PolicyScopeList slug={slug} policies={policies} selectedKey={scope.key} draft={current ? undefined : scope} />
          )}
          <p className="text-xs text-fg-muted">The most specific scope wins, field by field: decision type and workflow over agent-wide.</p>
        </div>
        <PolicyPanel
          key={scope.key}
          slug={slug}
          scope={scope}
          policy={detail?.policy ?? null}
          versions={detail?.versions ?? []}
          can={can}
          startEditing={query.new === "1" && !current}
        />
      </div>
      <PolicyProposals
        slug={slug}
        proposals={proposals}
        currentDocuments={Object.fromEntries(policies.map((policy) => [policy.scopeKey, policy.document]))}
        canDecide={can.manage}
        canBacktest={can.propose}
        userId={principal.userId}
      />
    </section>
  );
}

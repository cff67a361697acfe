import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { notFound } from "../errors/app-error";
import { policyAgent } from "./policy-agent";
import { parseScopeKey, scopeLabel } from "./policy-scope";
import { peopleById, toPolicyView, type PolicyVersionView } from "./policy-view";

const MAX_VERSIONS = 200;

// One scope's policy with its version history, newest first.
export async function getPolicy(principal: Principal, slug: string, scopeKey: string, options: { policyId?: string } = {}) {
  assertCan(principal, "policies:read");
  const scope = parseScopeKey(scopeKey);
  const agent = await policyAgent(db(), principal, slug);
  const policy = await db().policy.findUnique({
    where: options.policyId ? { id: options.policyId } : { agentId_workflow_decisionType: { agentId: agent.id, ...scope } },
    include: { versions: { orderBy: { version: "desc" }, take: MAX_VERSIONS } },
  });
  if (!policy || policy.agentId !== agent.id) throw notFound(`${scopeLabel(scope)} policy of "${agent.slug}"`);
  const person = await peopleById(db(), [policy.updatedById, ...policy.versions.map((version) => version.createdById)]);
  const versions: PolicyVersionView[] = policy.versions.map((version) => ({
    version: version.version,
    document: version.document,
    note: version.note,
    createdAt: version.createdAt.toISOString(),
    createdBy: person(version.createdById),
  }));
  return { policy: toPolicyView(policy, person), versions };
}

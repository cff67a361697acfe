import { db } from "../db/client";
import { compilePolicy, type CompiledPolicy } from "./evaluate-action";
import { resolvePolicy, type PolicyRequest } from "./resolve-policy";
import { parsePolicyDocument, type PolicyDocument } from "./document-schema";

// An agent's policy documents, read once and kept in process: the guard's hot path must not query
// policies on every call. Writers (lib/policies) call invalidatePolicies(agentId) after a change and
// NOTIFY the other replicas, whose listener (lib/db/change-events.ts) invalidates theirs; the TTL
// is the safety net for a notification lost while a listener reconnects.

export type AppliedPolicy = { compiled: CompiledPolicy; version: string };
export type AgentPolicies = {
  agentSlug: string;
  // null when no document applies to the request (the agent is unpoliced for it).
  resolve: (request: PolicyRequest) => AppliedPolicy | null;
};

const TTL_MS = 30_000;
// Distinct workflow / decision type pairs remembered per agent; names come from agents, so bound them.
const MAX_RESOLVED_PER_AGENT = 500;

type CacheEntry = { loadedAt: number; policies: Promise<AgentPolicies> };
// On globalThis: Next.js may load this module twice (instrumentation, where the change listener
// starts, and the route handlers), and both must see one cache.
const globalForPolicies = globalThis as unknown as { controlRoomPolicyCache?: Map<string, CacheEntry> };
const cache = (globalForPolicies.controlRoomPolicyCache ??= new Map<string, CacheEntry>());

const scopeKey = (workflow: string | undefined, decisionType: string | undefined) => `${workflow ?? ""}\u0000${decisionType ?? ""}`;

export function invalidatePolicies(agentId: string): void {
  cache.delete(agentId);
}

// After a listener reconnects: notifications sent while it was away are lost, so forget everything.
export function invalidateAllPolicies(): void {
  cache.clear();
}

export function loadPolicies(agentId: string, agentSlug: string): Promise<AgentPolicies> {
  const cached = cache.get(agentId);
  if (cached && Date.now() - cached.loadedAt < TTL_MS) return cached.policies;
  const policies = readPolicies(agentId, agentSlug);
  cache.set(agentId, { loadedAt: Date.now(), policies });
  // A failed read must not be cached: the next call tries again.
  policies.catch(() => {
    if (cache.get(agentId)?.policies === policies) cache.delete(agentId);
  });
  return policies;
}

async function readPolicies(agentId: string, agentSlug: string): Promise<AgentPolicies> {
  const rows = await db().policy.findMany({
    where: { agentId },
    select: { workflow: true, decisionType: true, document: true, version: true },
  });
  const versions = new Map<string, number>();
  const documents: PolicyDocument[] = rows.map((row) => {
    const parsed = parsePolicyDocument(row.document);
    if (!parsed.success) throw new Error(`Stored policy of ${agentSlug} is invalid: ${parsed.errors.join("; ")}`);
    // The row's columns are the scope of record (the slug may have changed since the document was written).
    const scope = { agent: agentSlug, workflow: row.workflow || undefined, decisionType: row.decisionType || undefined };
    versions.set(scopeKey(scope.workflow, scope.decisionType), row.version);
    return { ...parsed.data, scope };
  });
  return policySet(agentSlug, documents, versions);
}

export function policySet(agentSlug: string, documents: PolicyDocument[], versions = new Map<string, number>()): AgentPolicies {
  const resolved = new Map<string, AppliedPolicy | null>();
  return {
    agentSlug,
    resolve(request) {
      const key = scopeKey(request.workflow, request.decisionType);
      if (resolved.has(key)) return resolved.get(key)!;
      const policy = resolvePolicy(documents, request);
      const applied = policy && {
        compiled: compilePolicy(policy),
        // "agent@3 workflow:intake@1": which documents, at which versions, decided.
        version: policy.appliedScopes
          .map((scope) => {
            const name = [scope.workflow && `workflow:${scope.workflow}`, scope.decisionType && `decisionType:${scope.decisionType}`].filter(Boolean).join("+");
            return `${name || "agent"}@${versions.get(scopeKey(scope.workflow, scope.decisionType)) ?? 1}`;
          })
          .join(" "),
      };
      if (resolved.size >= MAX_RESOLVED_PER_AGENT) resolved.clear();
      resolved.set(key, applied);
      return applied;
    },
  };
}

import { sql } from "../db/sql";
import { cache } from "../cache/cache";
import { compilePolicy, type CompiledPolicy } from "./evaluate-action";
import { resolvePolicy, type PolicyRequest } from "./resolve-policy";
import { parsePolicyDocument, type PolicyDocument } from "./document-schema";

// An agent's policy documents, read once and kept in process: the guard's hot path must not query
// policies on every call. Every replica forgets an agent's policies on its policyChanged event
// (lib/policies/subscriptions.ts); the TTL is the safety net for a notification lost while a listener
// reconnects.

export type AppliedPolicy = { compiled: CompiledPolicy; version: string };
export type AgentPolicies = {
  agentSlug: string;
  // null when no document applies to the request (the agent is unpoliced for it).
  resolve: (request: PolicyRequest) => AppliedPolicy | null;
};

const TTL_MS = 30_000;
// Distinct workflow / decision type pairs remembered per agent; names come from agents, so bound them.
const MAX_RESOLVED_PER_AGENT = 500;

const cachedPolicies = cache<AgentPolicies>({ name: "policies", ttlMs: TTL_MS });

const scopeKey = (workflow: string | undefined, decisionType: string | undefined) => `${workflow ?? ""}\u0000${decisionType ?? ""}`;

export const invalidatePolicies = (agentId: string) => cachedPolicies.forget(agentId);

// After a listener reconnects: notifications sent while it was away are lost, so forget everything.
export const invalidateAllPolicies = () => cachedPolicies.forget();

export function loadPolicies(agentId: string, agentSlug: string): Promise<AgentPolicies> {
  return cachedPolicies.get(agentId, () => readPolicies(agentId, agentSlug));
}

// A plain statement (lib/db/sql.ts): this cache is reloaded on the guard's hot path, and a Prisma read
// costs several times its CPU.
const READ_POLICIES = `SELECT workflow, decision_type AS "decisionType", document, version FROM policies WHERE agent_id = $1::uuid`;

async function readPolicies(agentId: string, agentSlug: string): Promise<AgentPolicies> {
  const rows = await sql<{ workflow: string; decisionType: string; document: unknown; version: number }>(READ_POLICIES, agentId);
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

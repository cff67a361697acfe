import { db } from "../db/client";
import { readStoredRequest } from "../guard/stored-request";

type Target = { targetType: string; targetId: string | null; before: unknown; after: unknown };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const scopeLabel = (workflow: string, decisionType: string) =>
  workflow || decisionType ? [workflow || "any workflow", decisionType].filter(Boolean).join(" / ") : "agent-wide";

type Resolver = (ids: string[]) => Promise<[string, string][]>;

// One query per target type on the page, each by primary key: a page of 50 entries costs at most a
// query per type, never one per row.
const resolvers: Record<string, Resolver> = {
  agent: async (ids) => (await db().agent.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true } })).map((row) => [row.id, row.slug]),
  user: async (ids) => (await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((row) => [row.id, row.email]),
  team: async (ids) => (await db().team.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((row) => [row.id, row.name]),
  api_key: async (ids) =>
    (await db().apiKey.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, prefix: true } })).map((row) => [row.id, `${row.name} (${row.prefix}…)`]),
  agent_version: async (ids) =>
    (await db().agentVersion.findMany({ where: { id: { in: ids } }, select: { id: true, label: true, agent: { select: { slug: true } } } })).map((row) => [
      row.id,
      `${row.agent.slug} ${row.label}`,
    ]),
  policy: async (ids) =>
    (await db().policy.findMany({ where: { id: { in: ids } }, select: { id: true, workflow: true, decisionType: true, agent: { select: { slug: true } } } })).map(
      (row) => [row.id, `${row.agent.slug} policy (${scopeLabel(row.workflow, row.decisionType)})`],
    ),
  policy_proposal: async (ids) =>
    (
      await db().policyProposal.findMany({ where: { id: { in: ids } }, select: { id: true, workflow: true, decisionType: true, agent: { select: { slug: true } } } })
    ).map((row) => [row.id, `${row.agent.slug} proposal (${scopeLabel(row.workflow, row.decisionType)})`]),
  model_price: async (ids) =>
    (await db().modelPrice.findMany({ where: { id: { in: ids } }, select: { id: true, model: true, provider: true } })).map((row) => [
      row.id,
      row.provider ? `${row.model} (${row.provider})` : row.model,
    ]),
  guard_decision: async (ids) => {
    const rows = await db().guardDecision.findMany({ where: { id: { in: ids } }, select: { id: true, agentId: true, request: true } });
    const agents = await db().agent.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.agentId))] } }, select: { id: true, slug: true } });
    const slugOf = new Map(agents.map((agent) => [agent.id, agent.slug]));
    return rows.map((row) => [row.id, `${slugOf.get(row.agentId) ?? "(deleted agent)"}: ${readStoredRequest(row.request).action?.tool ?? "decision"}`]);
  },
  dataset: async (ids) =>
    (await db().dataset.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, agent: { select: { slug: true } } } })).map((row) => [
      row.id,
      `${row.agent.slug} dataset "${row.name}"`,
    ]),
};

// A deleted target is gone from its table; the entry's own before/after usually still names it.
function labelFromEntry(entry: Target): string | null {
  for (const side of [entry.after, entry.before]) {
    if (typeof side !== "object" || side === null) continue;
    const record = side as Record<string, unknown>;
    for (const key of ["slug", "email", "name", "label", "model"]) if (typeof record[key] === "string" && record[key]) return record[key] as string;
  }
  return null;
}

/** A readable name per target ("claims-agent", "ana@example.com", "claims-agent v4"), keyed by `type:id`; absent when none is known. */
export async function resolveTargetLabels(entries: Target[]): Promise<Map<string, string>> {
  const idsByType = new Map<string, Set<string>>();
  for (const entry of entries) {
    if (!entry.targetId || !UUID.test(entry.targetId) || !resolvers[entry.targetType]) continue;
    idsByType.set(entry.targetType, (idsByType.get(entry.targetType) ?? new Set()).add(entry.targetId));
  }
  const resolved = await Promise.all([...idsByType].map(async ([type, ids]) => ((await resolvers[type]([...ids])) ?? []).map(([id, label]): [string, string] => [`${type}:${id}`, label])));
  const labels = new Map(resolved.flat());
  for (const entry of entries) {
    const key = `${entry.targetType}:${entry.targetId}`;
    if (labels.has(key)) continue;
    const fallback = labelFromEntry(entry);
    if (fallback) labels.set(key, fallback);
  }
  return labels;
}

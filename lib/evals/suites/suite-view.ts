import type { Tx } from "../../db/client";
import type { Principal } from "../../auth/principal";
import { assertVisible, notVisible } from "../../auth/team-access";
import { isUuid } from "../../db/ids";
import type { Evaluator } from "../evaluators/schemas";
import type { SuiteView } from "./schemas";

// Looking a suite up for a principal, and the shape the API gives.

export const suiteInclude = {
  agent: { select: { slug: true } },
  dataset: { select: { id: true, name: true, _count: { select: { items: true } } } },
} as const;

type SuiteRow = {
  id: string;
  name: string;
  evaluators: unknown;
  passRate: number;
  gating: boolean;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  agent: { slug: string };
  dataset: { id: string; name: string; _count: { items: number } };
};

export const toSuiteView = (row: SuiteRow): SuiteView => ({
  id: row.id,
  agent: { slug: row.agent.slug },
  dataset: { id: row.dataset.id, name: row.dataset.name, items: row.dataset._count.items },
  name: row.name,
  evaluators: row.evaluators as Evaluator[],
  threshold: { passRate: row.passRate },
  gating: row.gating,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

// A suite by id if the principal may see its team (and, when the URL names one, of that agent); another
// team's suite is not found, like a missing one.
export async function findSuiteForPrincipal(tx: Tx, principal: Principal, suiteId: string, agentSlug?: string) {
  const suite = isUuid(suiteId) ? await tx.evalSuite.findUnique({ where: { id: suiteId }, include: suiteInclude }) : null;
  if (!suite || (agentSlug !== undefined && suite.agent.slug !== agentSlug)) throw notVisible(`Suite "${suiteId}"`);
  assertVisible(principal, suite.teamId, `Suite "${suiteId}"`);
  return suite;
}

// One gate per agent: making a suite the gate unsets the others, under a lock on the agent's row so two
// concurrent changes cannot leave two gates.
export async function makeOnlyGate(tx: Tx, agentId: string, suiteId: string) {
  await tx.$queryRaw`SELECT id FROM agents WHERE id = ${agentId}::uuid FOR UPDATE`;
  await tx.evalSuite.updateMany({ where: { agentId, gating: true, id: { not: suiteId } }, data: { gating: false } });
}

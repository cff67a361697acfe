import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { findAgentForPrincipal } from "../agents/get-agent";
import { notVisible } from "../auth/team-access";
import { isUuid } from "../db/ids";
import { findRunForPrincipal, toRunItemView } from "../evals/runs/run-view";

// One dataset item in two runs of the same agent (the side-by-side page of a regressed item): its
// input and expectation once, and each run's result, scores and trace id.
export async function compareRunItem(principal: Principal, slug: string, runIds: { a: string; b: string }, itemId: string) {
  assertCan(principal, "evals:read");
  const agent = await findAgentForPrincipal(db(), principal, slug);
  const side = async (runId: string) => {
    const run = await findRunForPrincipal(db(), principal, runId);
    if (run.agentId !== agent.id) throw notVisible(`Run "${runId}" of ${slug}`);
    const item = isUuid(itemId) ? await db().evalRunItem.findUnique({ where: { runId_itemId: { runId: run.id, itemId } } }) : null;
    if (!item) throw notVisible(`Item "${itemId}" of run ${run.id}`);
    return { run: { id: run.id, version: run.versionLabel, status: run.status, suite: run.suite.name }, item: toRunItemView(item) };
  };
  const [a, b] = await Promise.all([side(runIds.a), side(runIds.b)]);
  return { item: { itemId, input: b.item.input, expected: b.item.expected }, a, b };
}

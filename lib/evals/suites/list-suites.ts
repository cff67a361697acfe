import { db } from "../../db/client";
import { assertCan, type Principal } from "../../auth/principal";
import { findAgentForPrincipal } from "../../agents/get-agent";
import type { SuiteView } from "./schemas";
import { findSuiteForPrincipal, suiteInclude, toSuiteView } from "./suite-view";

// An agent's suites, the gate first, then by name.
export async function listSuites(principal: Principal, agentSlug: string): Promise<SuiteView[]> {
  assertCan(principal, "evals:read");
  const agent = await findAgentForPrincipal(db(), principal, agentSlug);
  const rows = await db().evalSuite.findMany({ where: { agentId: agent.id }, include: suiteInclude, orderBy: [{ gating: "desc" }, { name: "asc" }] });
  return rows.map(toSuiteView);
}

export async function getSuite(principal: Principal, suiteId: string, agentSlug?: string): Promise<SuiteView> {
  assertCan(principal, "evals:read");
  return toSuiteView(await findSuiteForPrincipal(db(), principal, suiteId, agentSlug));
}

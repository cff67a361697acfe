import { db } from "../../db/client";
import { assertCan, type Principal } from "../../auth/principal";
import { findAgentForPrincipal } from "../../agents/get-agent";

export type GateStatus = {
  suite: { id: string; name: string } | null;
  run: { id: string; status: "passed" | "failed"; passRate: number | null; threshold: number } | null;
  running: number;
};

// What the gate would say of one version, for its page: the agent's gating suite, the latest completed run
// of it on this version, and how many runs of it are still running.
export async function gateStatus(principal: Principal, slug: string, label: string): Promise<GateStatus> {
  assertCan(principal, "evals:read");
  const agent = await findAgentForPrincipal(db(), principal, slug);
  const suite = await db().evalSuite.findFirst({ where: { agentId: agent.id, gating: true }, select: { id: true, name: true } });
  if (!suite) return { suite: null, run: null, running: 0 };
  const [latest, running] = await Promise.all([
    db().evalRun.findFirst({
      where: { suiteId: suite.id, versionLabel: label, agentId: agent.id, status: { in: ["passed", "failed"] } },
      orderBy: [{ completedAt: "desc" }, { id: "desc" }],
      select: { id: true, status: true, passRate: true, threshold: true },
    }),
    db().evalRun.count({ where: { suiteId: suite.id, versionLabel: label, agentId: agent.id, status: "running" } }),
  ]);
  return { suite, run: latest ? { ...latest, status: latest.status as "passed" | "failed" } : null, running };
}

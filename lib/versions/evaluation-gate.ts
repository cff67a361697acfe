import type { Tx } from "../db/client";
import type { Gate } from "./stage-rules";

// The evaluation gate: whether the latest completed run of the agent's gating suite on this exact
// version passed. An agent without a gating suite has no gate ("none": only an admin deploys, marked
// ungated). A missing, running-only or failed run answers "failed" with what is missing and where to
// look (409 evaluation_required for anyone but an admin, who may override it with a reason).
export async function evaluationGate(tx: Tx, agentId: string, versionId: string): Promise<Gate> {
  const suite = await tx.evalSuite.findFirst({ where: { agentId, gating: true }, include: { agent: { select: { slug: true } } } });
  if (!suite) return { kind: "none" };
  const version = await tx.agentVersion.findUniqueOrThrow({ where: { id: versionId }, select: { label: true } });
  const latest = await tx.evalRun.findFirst({
    where: { suiteId: suite.id, versionId, status: { in: ["passed", "failed"] } },
    orderBy: [{ completedAt: "desc" }, { id: "desc" }],
  });
  const where = `/agents/${suite.agent.slug}/evaluations`;
  const details = { suite: { id: suite.id, name: suite.name }, version: version.label, run: latest ? { id: latest.id, status: latest.status, passRate: latest.passRate } : null, link: latest ? `${where}/runs/${latest.id}` : where };
  if (!latest) {
    return { kind: "failed", message: `${version.label} has no completed run of the gating suite "${suite.name}": run it (POST /api/v1/evals/runs) and complete it first`, details };
  }
  if (latest.status !== "passed") {
    const percent = Math.round((latest.passRate ?? 0) * 1000) / 10;
    return { kind: "failed", message: `${version.label}'s latest run of the gating suite "${suite.name}" failed (${percent}% passed, needs ${Math.round(latest.threshold * 1000) / 10}%): fix the version and run the suite again`, details };
  }
  return { kind: "passed" };
}

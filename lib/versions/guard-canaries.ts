import { db } from "../db/client";
import { transaction } from "../db/transaction";
import type { SystemPrincipal } from "../auth/principal";
import { analyseRunningCanary } from "./canary-analysis";
import { lockDeployment, moveVersion, setProductionShare } from "./deployment-state";
import { recordDeployment } from "./record-deployment";

export const GUARD_CANARIES_EVERY_MS = 15_000;
const guardedCanary: SystemPrincipal = { kind: "system", label: "Control Room (guarded canary)" };

type Analysis = NonNullable<Awaited<ReturnType<typeof analyseRunningCanary>>>;

// Every running canary, judged against production over its window; one that is worse beyond its
// agent's thresholds with enough evidence goes back to staging (the timeline, the audit log and an
// alert say why). Replicas may all run this: the end happens under the agent's lock, once.
export async function guardCanaries(): Promise<{ judged: number; ended: string[] }> {
  const canaries = await db().agentVersion.findMany({ where: { stage: "canary" }, select: { agentId: true } });
  const ended: string[] = [];
  for (const { agentId } of canaries) {
    const analysis = await analyseRunningCanary(agentId);
    if (!analysis || !analysis.settings.enabled || analysis.verdict !== "worse") continue;
    if (await endWorseCanary(agentId, analysis)) ended.push(analysis.canary.label);
  }
  return { judged: canaries.length, ended };
}

async function endWorseCanary(agentId: string, analysis: Analysis) {
  return transaction(async (tx) => {
    const deployment = await lockDeployment(tx, guardedCanary, agentId);
    const canary = deployment.canary;
    // A person moved it meanwhile: their decision stands.
    if (!canary || canary.id !== analysis.canary.id) return false;
    const worse = analysis.metrics.filter((metric) => metric.verdict === "worse");
    await moveVersion(tx, canary, "staging", 0);
    await setProductionShare(tx, deployment, 0);
    await recordDeployment(tx, guardedCanary, {
      agent: deployment.agent,
      kind: "canary_ended",
      version: canary,
      fromLabel: deployment.production?.label ?? null,
      fromStage: "canary",
      toStage: "staging",
      canaryPercent: canary.trafficPercent,
      reason: `Worse than production ${deployment.production?.label ?? ""}: ${worse.map((metric) => metric.explanation).join("; ")}`,
      details: {
        automatic: true,
        verdict: analysis.verdict,
        metrics: worse.map(({ metric, canaryValue, productionValue, difference, lower, upper, interval, n }) => ({ metric, canaryValue, productionValue, difference, lower, upper, interval, n })),
        settings: analysis.settings,
      },
    });
    return true;
  });
}

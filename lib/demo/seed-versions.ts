import { db } from "../db/client";
import type { SystemPrincipal } from "../auth/principal";
import { createVersion } from "../versions/create-version";
import { promoteVersion } from "../versions/promote-version";
import { demoVersionPlans } from "./demo-versions";

// Plays the demo release histories (demo-versions.ts) through the versions API's own functions, step
// by step, skipping the steps already done: a restart on an existing database creates nothing twice,
// and a seed cut short carries on where it stopped. An agent whose versions someone else created
// (not the seed) is left alone: its history is no longer the demo's to write.
export async function seedDemoVersions(seeder: SystemPrincipal): Promise<{ created: number }> {
  let created = 0;
  for (const [slug, steps] of Object.entries(demoVersionPlans)) {
    const agent = await db().agent.findUnique({ where: { slug }, select: { id: true, status: true } });
    if (!agent || agent.status === "terminated") continue;
    const versions = await db().agentVersion.findMany({ where: { agentId: agent.id }, select: { label: true, createdByLabel: true } });
    if (versions.some((version) => version.createdByLabel !== seeder.label)) continue;
    const existing = new Set(versions.map((version) => version.label));
    let number = 0;
    for (const step of steps) {
      if ("create" in step) {
        number += 1;
        if (existing.has(`v${number}`)) continue;
        const version = await createVersion(seeder, slug, step.create);
        if (version.label !== `v${number}`) throw new Error(`Demo seed: ${slug} got ${version.label} where its plan has v${number}`);
        created += 1;
        continue;
      }
      if (await promotionDone(agent.id, step.promote, step.to.stage, seeder.label)) continue;
      await promoteVersion(seeder, slug, step.promote, step.to);
    }
  }
  return { created };
}

// A seed promotion happened when the timeline has it, by the seed (promotion to staging, a canary's
// start, or a deploy to production).
async function promotionDone(agentId: string, label: string, stage: string, by: string) {
  const event = await db().deploymentEvent.findFirst({
    where: { agentId, label, toStage: stage, byLabel: by, kind: { in: ["promoted", "canary_started"] } },
    select: { id: true },
  });
  return event !== null;
}

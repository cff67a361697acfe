import type { Tx } from "../db/client";
import { transaction } from "../db/transaction";
import { emit } from "../events/emit";
import { assertCan, actorOf, type Principal } from "../auth/principal";
import { recordAudit } from "../audit/record-audit";
import { AppError } from "../errors/app-error";
import { findAgentForPrincipal } from "../agents/get-agent";
import { createVersionSchema } from "./schemas";
import { toVersionBundle } from "./version-view";
import { versionCreated } from "./events";

// A new immutable bundle, labelled with the agent's next number (v1, v2, …; never reused), starting in
// development. Without a policy version named, it records the agent-wide policy's current version.
export async function createVersion(principal: Principal, slug: string, rawInput: unknown) {
  assertCan(principal, "versions:create");
  const input = createVersionSchema.parse(rawInput ?? {});
  return transaction(async (tx) => {
    const agent = await findAgentForPrincipal(tx, principal, slug);
    if (agent.status === "terminated") throw new AppError("conflict", `Agent "${agent.slug}" is terminated`);
    // Serialises numbering per agent; the unique (agent, number) index would refuse a duplicate anyway.
    await tx.$queryRaw`SELECT id FROM agents WHERE id = ${agent.id}::uuid FOR UPDATE`;
    const last = await tx.agentVersion.findFirst({ where: { agentId: agent.id }, orderBy: { number: "desc" }, select: { number: true } });
    const number = (last?.number ?? 0) + 1;
    const policyVersion = input.policyVersion || (await currentPolicyVersion(tx, agent.id));
    const actor = actorOf(principal);
    const version = await tx.agentVersion.create({
      data: {
        agentId: agent.id,
        number,
        label: `v${number}`,
        prompt: input.prompt,
        model: input.model,
        params: input.params as object,
        knowledgeBase: input.knowledgeBase ?? undefined,
        tools: input.tools as object[],
        policyVersion,
        message: input.message,
        createdById: principal.kind === "user" ? principal.userId : null,
        createdByLabel: actor.actorLabel,
      },
    });
    await recordAudit(tx, principal, {
      action: "version.created",
      targetType: "agent_version",
      targetId: version.id,
      teamId: agent.teamId,
      after: {
        agent: agent.slug,
        label: version.label,
        model: version.model,
        knowledgeBase: input.knowledgeBase ?? null,
        tools: input.tools.map((tool) => tool.name),
        policyVersion,
        message: version.message,
      },
    });
    await emit(tx, versionCreated, { agentId: agent.id, teamId: agent.teamId, versionId: version.id, label: version.label });
    return toVersionBundle(version);
  });
}

async function currentPolicyVersion(tx: Tx, agentId: string) {
  const policy = await tx.policy.findUnique({ where: { agentId_workflow_decisionType: { agentId, workflow: "", decisionType: "" } }, select: { version: true } });
  return policy ? `agent@${policy.version}` : null;
}

import { db } from "../db/client";
import { transaction } from "../db/transaction";
import { assertCan, type Principal } from "../auth/principal";
import { recordAudit } from "../audit/record-audit";
import { findAgentForPrincipal } from "../agents/get-agent";
import { canarySettingsSchema, type CanarySettings } from "./canary-settings";

// An agent's guarded-canary settings: stored as given, read with the defaults filled in (a stored
// value the schema no longer accepts falls back to the defaults rather than stopping the guard).
export async function readCanarySettings(agentId: string): Promise<CanarySettings> {
  const agent = await db().agent.findUnique({ where: { id: agentId }, select: { canarySettings: true } });
  const parsed = canarySettingsSchema.safeParse(agent?.canarySettings ?? {});
  return parsed.success ? parsed.data : canarySettingsSchema.parse({});
}

// PUT /api/v1/agents/{slug}/canary-settings (developers of the team, admins; audited).
export async function updateCanarySettings(principal: Principal, slug: string, rawInput: unknown) {
  assertCan(principal, "versions:promote");
  const settings = canarySettingsSchema.parse(rawInput ?? {});
  return transaction(async (tx) => {
    const agent = await findAgentForPrincipal(tx, principal, slug);
    const before = canarySettingsSchema.safeParse(agent.canarySettings ?? {});
    await tx.agent.update({ where: { id: agent.id }, data: { canarySettings: settings } });
    await recordAudit(tx, principal, {
      action: "agent.canary_settings",
      targetType: "agent",
      targetId: agent.id,
      teamId: agent.teamId,
      before: before.success ? before.data : null,
      after: settings,
    });
    return settings;
  });
}

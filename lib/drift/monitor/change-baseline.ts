import type { Tx } from "../../db/client";
import { transaction } from "../../db/transaction";
import { assertCan, type Principal } from "../../auth/principal";
import { findAgentForPrincipal } from "../../agents/get-agent";
import { recordAudit } from "../../audit/record-audit";
import { AppError } from "../../errors/app-error";
import { emptyBaseline, type Baseline } from "../metrics";
import { driftRebaselineSchema, driftSettingsSchema } from "../schemas";
import { addOutcomeMonitor, type Monitors } from "./monitor-state";

// A person's changes to an agent's drift monitoring, audited: re-baselining (the tasks stored from now
// on become the baseline; nothing recomputes it otherwise, not even a promotion) and its settings.

async function lockedState(tx: Tx, principal: Principal, slug: string) {
  const agent = await findAgentForPrincipal(tx, principal, slug);
  const [state] = await tx.$queryRaw<Array<{ agent_id: string }>>`SELECT agent_id FROM drift_states WHERE agent_id = ${agent.id}::uuid FOR UPDATE`;
  if (!state) throw new AppError("conflict", `${agent.slug} has not been in production yet: its baseline starts at its first production deploy`);
  return { agent, state: await tx.driftState.findUniqueOrThrow({ where: { agentId: agent.id } }) };
}

export async function rebaseline(principal: Principal, slug: string, rawInput: unknown) {
  assertCan(principal, "drift:manage");
  const { reason } = driftRebaselineSchema.parse(rawInput ?? {});
  return transaction(async (tx) => {
    const { agent, state } = await lockedState(tx, principal, slug);
    const [{ now }] = await tx.$queryRaw<[{ now: Date }]>`SELECT now() AS now`;
    const previous = { ...emptyBaseline(), ...(state.baseline as Partial<Baseline>) };
    await tx.driftState.update({
      where: { agentId: agent.id },
      data: { status: "collecting_baseline", baseline: {}, monitors: {}, baselineStartedAt: now, taskWatermark: now, decisionWatermark: now },
    });
    await recordAudit(tx, principal, {
      action: "drift.rebaselined",
      targetType: "agent",
      targetId: agent.id,
      teamId: agent.teamId,
      before: { status: state.status, baseline: { n: previous.n, from: previous.from, to: previous.to, version: previous.version } },
      after: { status: "collecting_baseline", from: now, reason },
    });
    return { agent: { slug: agent.slug }, status: "collecting_baseline" as const, baselineStartedAt: now };
  });
}

export async function changeDriftSettings(principal: Principal, slug: string, rawInput: unknown) {
  assertCan(principal, "drift:manage");
  const input = driftSettingsSchema.parse(rawInput ?? {});
  return transaction(async (tx) => {
    const { agent, state } = await lockedState(tx, principal, slug);
    const outcomes = input.outcomes ?? state.extraOutcomes ?? [];
    const monitors = (state.monitors ?? {}) as Monitors;
    // Watching starts at once when the baseline is frozen: its count of that outcome is known.
    if (state.status === "monitoring") {
      const baseline = { ...emptyBaseline(), ...(state.baseline as Partial<Baseline>) };
      for (const outcome of outcomes) addOutcomeMonitor(monitors, baseline, outcome);
    }
    const updated = await tx.driftState.update({
      where: { agentId: agent.id },
      data: {
        baselineTasks: input.baselineTasks ?? state.baselineTasks,
        baselineDays: input.baselineDays ?? state.baselineDays,
        extraOutcomes: outcomes,
        monitors: monitors as object,
      },
    });
    const settingsOf = (row: typeof state) => ({ baselineTasks: row.baselineTasks, baselineDays: row.baselineDays, outcomes: row.extraOutcomes ?? [] });
    await recordAudit(tx, principal, {
      action: "drift.settings_changed",
      targetType: "agent",
      targetId: agent.id,
      teamId: agent.teamId,
      before: settingsOf(state),
      after: settingsOf(updated),
    });
    return { agent: { slug: agent.slug }, settings: settingsOf(updated) };
  });
}

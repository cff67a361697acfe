import type { Tx } from "../../db/client";
import { transaction } from "../../db/transaction";
import { defaultOpenKey, raiseAlert } from "../../alerts/raise-alert";
import { emptyBaseline, type Baseline } from "../metrics";
import { listAgentChanges } from "../agent-changes";
import { advanceState, type DriftEngineState } from "./advance-state";
import type { Monitors } from "./monitor-state";
import type { ModelChangeRecord, ModelsSeen } from "./model-changes";
import type { Detection } from "./records";
import { driftAlertInput, NEAR_AFTER_MS, NEAR_BEFORE_MS } from "./drift-alert";
import { readDecisions, readTasks, settledUntil, sliceEnd } from "./read-stream";

// Advances one agent's drift monitoring over what was stored since its watermarks, in one transaction
// holding its drift_states row: the baseline or the monitors move on, provider model changes are
// recorded, and each drift found raises an alert naming the changes near its change point. A replica
// that finds the row locked skips it (another is advancing it); the next signal or sweep catches up.

const MAX_SLICES = 50;

type StateRow = {
  agent_id: string;
  team_id: string;
  status: DriftEngineState["status"];
  baseline_tasks: number;
  baseline_days: number;
  baseline: Partial<Baseline>;
  monitors: Monitors;
  extra_outcomes: string[] | null;
  models_seen: ModelsSeen;
  task_watermark: Date;
  decision_watermark: Date;
};

export type AdvanceReport = { tasks: number; decisions: number; detections: Detection[]; alerts: string[]; caughtUp: boolean };

// `settleSeconds`: tests that wrote their rows before calling need not wait for them to settle.
export async function advanceDrift(agentId: string, options: { settleSeconds?: number } = {}): Promise<AdvanceReport | null> {
  return transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<StateRow[]>`SELECT * FROM drift_states WHERE agent_id = ${agentId}::uuid FOR UPDATE SKIP LOCKED`;
      if (!row) return null;
      const engine: DriftEngineState = {
        status: row.status,
        baseline: { ...emptyBaseline(), ...row.baseline },
        monitors: row.monitors ?? {},
        modelsSeen: row.models_seen ?? {},
      };
      const settings = { target: { tasks: row.baseline_tasks, days: row.baseline_days }, extraOutcomes: row.extra_outcomes ?? [] };
      const until = await settledUntil(tx, options.settleSeconds);
      const report: AdvanceReport = { tasks: 0, decisions: 0, detections: [], alerts: [], caughtUp: false };
      const modelChanges: ModelChangeRecord[] = [];
      let taskMark = await skipToFirst(tx, "tasks", agentId, row.task_watermark, until);
      let decisionMark = await skipToFirst(tx, "decisions", agentId, row.decision_watermark, until);
      for (let slice = 0; slice < MAX_SLICES && (taskMark < until || decisionMark < until); slice++) {
        const taskEnd = sliceEnd(taskMark, until);
        const decisionEnd = sliceEnd(decisionMark, until);
        const tasks = taskMark < until ? await readTasks(tx, agentId, taskMark, taskEnd) : [];
        const decisions = decisionMark < until ? await readDecisions(tx, agentId, decisionMark, decisionEnd) : [];
        const advanced = advanceState(engine, tasks, decisions, settings);
        report.tasks += tasks.length;
        report.decisions += decisions.length;
        report.detections.push(...advanced.detections);
        modelChanges.push(...advanced.modelChanges);
        taskMark = await skipToFirst(tx, "tasks", agentId, taskEnd, until);
        decisionMark = await skipToFirst(tx, "decisions", agentId, decisionEnd, until);
      }
      report.caughtUp = taskMark >= until && decisionMark >= until;
      if (modelChanges.length) {
        await tx.modelChange.createMany({ data: modelChanges.map((change) => ({ agentId, ...change, at: new Date(change.at) })) });
      }
      for (const detection of report.detections) {
        const alertId = await raiseDriftAlert(tx, row.agent_id, detection);
        const monitor = engine.monitors[detection.metric];
        if (monitor?.detection && monitor.detection.detectedAt === detection.detectedAt) monitor.detection.alertId = alertId;
        if (alertId) report.alerts.push(alertId);
      }
      await tx.driftState.update({
        where: { agentId },
        data: {
          status: engine.status,
          baseline: engine.baseline as object,
          monitors: engine.monitors as object,
          modelsSeen: engine.modelsSeen as object,
          taskWatermark: taskMark,
          decisionWatermark: decisionMark,
        },
      });
      return report;
    },
    { timeout: 60_000 },
  );
}

// Moves a watermark over a stretch with nothing stored (an agent quiet for days is not read minute by
// minute): to just before the first row after it, or to `until` when there is none.
async function skipToFirst(tx: Tx, stream: "tasks" | "decisions", agentId: string, mark: Date, until: Date): Promise<Date> {
  if (mark >= until) return mark;
  const [row] =
    stream === "tasks"
      ? await tx.$queryRaw<[{ first: Date | null }]>`SELECT min(completed_at) AS first FROM traces WHERE agent_id = ${agentId}::uuid AND completed_at > ${mark}`
      : await tx.$queryRaw<[{ first: Date | null }]>`SELECT min(created_at) AS first FROM guard_decisions WHERE agent_id = ${agentId}::uuid AND created_at > ${mark}`;
  if (!row.first) return until;
  const justBefore = new Date(row.first.getTime() - 1);
  return justBefore > mark ? (justBefore < until ? justBefore : until) : mark;
}

// The alert's id; while an alert of this metric is still open, that one's (raising again is a no-op).
// Also raised for online evaluators' failure rates (lib/evals/online/score-online.ts).
export async function raiseDriftAlert(tx: Tx, agentId: string, detection: Detection): Promise<string | null> {
  const agent = await tx.agent.findUnique({ where: { id: agentId }, select: { id: true, teamId: true, slug: true } });
  if (!agent) return null;
  const changePoint = new Date(detection.changePointAt ?? detection.detectedAt).getTime();
  const changes = await listAgentChanges(agent.id, new Date(changePoint - NEAR_BEFORE_MS), new Date(changePoint + NEAR_AFTER_MS), tx);
  const input = driftAlertInput(agent, detection, changes);
  const raised = await raiseAlert(input, tx);
  if (raised) return raised;
  const open = await tx.alert.findFirst({ where: { openKey: defaultOpenKey(input), status: { in: ["open", "acknowledged"] } }, select: { id: true } });
  return open?.id ?? null;
}

import type { Baseline } from "../metrics";
import type { DecisionRecord, TaskRecord } from "./records";
import { isoOf } from "./records";

// Collecting the baseline: an agent's first tasks after its first production deploy, up to
// `tasks` tasks or `days` days of task time, whichever comes first (DESIGN.md: 1,000 or 7 days by
// default, per agent). Frozen after; a person replaces it deliberately (re-baseline).

export type BaselineTarget = { tasks: number; days: number };

// Below this many tasks a baseline is too thin to compare with, whatever the time it spans.
export const MIN_BASELINE_TASKS = 30;

export function addTaskToBaseline(baseline: Baseline, task: TaskRecord): void {
  baseline.n += 1;
  const start = isoOf(task.startTime)!;
  if (baseline.from === null || start < baseline.from) baseline.from = start;
  if (baseline.to === null || start > baseline.to) baseline.to = start;
  baseline.version = task.version ?? baseline.version;
  if (task.outcome !== null) baseline.outcomes[task.outcome] = (baseline.outcomes[task.outcome] ?? 0) + 1;
  if (task.error) baseline.errors += 1;
  for (const [tool, calls] of Object.entries(task.tools)) baseline.tools[tool] = (baseline.tools[tool] ?? 0) + calls;
  baseline.costs.push(task.costUsd);
  baseline.latencies.push(task.latencyMs);
  baseline.steps.push(task.steps);
}

export function addDecisionToBaseline(baseline: Baseline, decision: DecisionRecord): void {
  baseline.decisions += 1;
  if (decision.verdict === "deny") baseline.denies += 1;
  if (decision.verdict === "hold") baseline.holds += 1;
  if (decision.injection) baseline.injections += 1;
}

export function baselineComplete(baseline: Baseline, target: BaselineTarget): boolean {
  if (baseline.n >= target.tasks) return true;
  if (baseline.n < MIN_BASELINE_TASKS || baseline.from === null || baseline.to === null) return false;
  return Date.parse(baseline.to) - Date.parse(baseline.from) >= target.days * 86_400_000;
}

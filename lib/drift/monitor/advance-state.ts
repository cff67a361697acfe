import { restoreRateDetector, type RateDetection } from "../rate-detector";
import { distributionDrift } from "../distribution-drift";
import { valueDrift } from "../value-drift";
import { normalQuantile } from "../../versions/normal-distribution";
import { baselineValue, emptyBaseline, type Baseline } from "../metrics";
import { addDecisionToBaseline, addTaskToBaseline, baselineComplete, type BaselineTarget } from "./baseline";
import { createMonitors, windowSizeFor, type MonitorState, type Monitors, type RateMonitor, type WindowMonitor } from "./monitor-state";
import { noteModels, type ModelChangeRecord, type ModelsSeen } from "./model-changes";
import { isoOf, type DecisionRecord, type Detection, type TaskRecord } from "./records";

// Drift monitoring of one agent as a pure state machine: feed it the tasks and guard decisions stored
// since the last call; it collects the baseline, then advances every metric's monitor, and returns the
// drifts found and the provider model changes seen. lib/drift/monitor/advance-drift.ts keeps the state
// in drift_states and raises the alerts.

export type DriftEngineState = {
  status: "collecting_baseline" | "monitoring";
  baseline: Baseline;
  monitors: Monitors;
  modelsSeen: ModelsSeen;
};

export type Settings = { target: BaselineTarget; extraOutcomes: readonly string[] };
export type Advanced = { detections: Detection[]; modelChanges: ModelChangeRecord[]; baselineFrozen: boolean };

// Per-task values: a window drifts when its Mann–Whitney test rejects at VALUE_ALPHA (each window is one
// look) and the median moved by more than VALUE_TOLERANCE of the baseline's (lib/drift/value-drift.ts).
export const VALUE_ALPHA = 0.001;
export const VALUE_TOLERANCE = 0.25;
const VALUE_THRESHOLD = normalQuantile(1 - VALUE_ALPHA / 2);

export function newEngineState(): DriftEngineState {
  return { status: "collecting_baseline", baseline: emptyBaseline(), monitors: {}, modelsSeen: {} };
}

export function advanceState(state: DriftEngineState, tasks: readonly TaskRecord[], decisions: readonly DecisionRecord[], settings: Settings): Advanced {
  const result: Advanced = { detections: [], modelChanges: [], baselineFrozen: false };
  // While collecting, every decision read belongs to the baseline's period.
  const decisionsToBaseline = state.status === "collecting_baseline";
  if (decisionsToBaseline) for (const decision of decisions) addDecisionToBaseline(state.baseline, decision);
  const monitoring: TaskRecord[] = [];
  for (const task of tasks) {
    result.modelChanges.push(...noteModels(state.modelsSeen, task));
    if (state.status === "monitoring") {
      monitoring.push(task);
      continue;
    }
    addTaskToBaseline(state.baseline, task);
    if (baselineComplete(state.baseline, settings.target)) {
      state.status = "monitoring";
      state.monitors = createMonitors(state.baseline, settings.extraOutcomes);
      result.baselineFrozen = true;
    }
  }
  if (state.status !== "monitoring") return result;
  for (const [metric, monitor] of Object.entries(state.monitors)) {
    const detection =
      monitor.kind === "rate"
        ? advanceRateMonitor(rateReference(state.baseline, metric), metric, monitor, monitor.stream === "tasks" ? monitoring.map((task) => ({ at: task.startTime, hit: taskHit(metric, task), version: task.version })) : decisionsToBaseline ? [] : decisions.map((decision) => ({ at: decision.at, hit: decisionHit(metric, decision), version: null })))
        : advanceWindow(state.baseline, metric, monitor, monitoring);
    if (detection) result.detections.push(detection);
  }
  return result;
}

function taskHit(metric: string, task: TaskRecord): boolean {
  if (metric === "error_rate") return task.error;
  return task.outcome === metric.slice(metric.indexOf(":") + 1);
}

function decisionHit(metric: string, decision: DecisionRecord): boolean {
  if (metric === "guard_deny_rate") return decision.verdict === "deny";
  if (metric === "guard_hold_rate") return decision.verdict === "hold";
  return decision.injection;
}

export type Observation = { at: number; hit: boolean; version: string | null };
// What a rate monitor compares with: the baseline's value of the metric, the window its current value
// is read over, and the version of the baseline (a detection's version when its tasks name none).
export type RateReference = { value: number | null; windowSize: number; version: string | null };

const rateReference = (baseline: Baseline, metric: string): RateReference => ({
  value: baselineValue(baseline, metric).value,
  windowSize: windowSizeFor(baseline),
  version: baseline.version,
});

// Also advances the failure rates of online evaluators (lib/drift/monitor/online-monitor.ts).
export function advanceRateMonitor(reference: RateReference, metric: string, monitor: RateMonitor, observations: readonly Observation[]): Detection | null {
  const detector = restoreRateDetector(monitor.detector);
  const size = reference.windowSize;
  let found: { detection: RateDetection; at: number; version: string | null } | null = null;
  for (const observation of observations) {
    const detection = detector.update(observation.hit, observation.at);
    // The first drift of a read is the one to report: a later one in the same read (the statistic
    // restarts after an alarm) continues it with a later change point.
    if (detection && !found) found = { detection, at: observation.at, version: observation.version };
    const window = monitor.window;
    window.n += 1;
    if (observation.hit) window.hits += 1;
    window.from ??= observation.at;
    window.to = observation.at;
    if (window.n >= size) {
      monitor.current = { value: window.hits / window.n, n: window.n, from: isoOf(window.from), to: isoOf(window.to) };
      monitor.window = { n: 0, hits: 0, from: null, to: null };
    }
  }
  monitor.detector = detector.state();
  // Until the first window is full, the running one is all there is to show.
  if (monitor.current.n === 0 && monitor.window.n > 0) {
    const window = monitor.window;
    monitor.current = { value: window.hits / window.n, n: window.n, from: isoOf(window.from), to: isoOf(window.to) };
  }
  if (!found) return null;
  const { detection, at, version } = found;
  const result: Detection = {
    metric,
    detectedAt: isoOf(at)!,
    changePointAt: isoOf(detection.changePointTime),
    direction: detection.direction,
    baselineValue: reference.value,
    currentValue: Number.isFinite(detection.currentRate) ? detection.currentRate : null,
    n: detection.at - detection.changePointAt + 1,
    statistic: detection.statistic,
    threshold: detection.threshold,
    version: version ?? monitor.detection?.version ?? reference.version,
  };
  monitor.detection = { ...result, alertId: null };
  return result;
}

const VALUE_FIELDS = { cost_per_task: "costs", latency_per_task: "latencies", steps_per_task: "steps" } as const;
const valueOf = (metric: string, task: TaskRecord) =>
  metric === "cost_per_task" ? task.costUsd : metric === "latency_per_task" ? task.latencyMs : task.steps;
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

function advanceWindow(baseline: Baseline, metric: string, monitor: WindowMonitor, tasks: TaskRecord[]): Detection | null {
  const size = windowSizeFor(baseline);
  let found: Detection | null = null;
  for (const task of tasks) {
    const window = monitor.window;
    window.n += 1;
    window.from ??= task.startTime;
    window.to = task.startTime;
    if (monitor.kind === "distribution") for (const [tool, calls] of Object.entries(task.tools)) window.tools[tool] = (window.tools[tool] ?? 0) + calls;
    else window.values.push(valueOf(metric, task));
    if (window.n < size) continue;
    const tested = monitor.kind === "distribution" ? testMix(baseline, window) : testValues(baseline, metric, window);
    monitor.current = { value: tested.value, n: window.n, from: isoOf(window.from), to: isoOf(window.to), statistic: tested.statistic, threshold: tested.threshold };
    if (tested.direction && !found) {
      found = {
        metric,
        detectedAt: isoOf(task.startTime)!,
        changePointAt: isoOf(window.from),
        direction: tested.direction,
        baselineValue: baselineValue(baseline, metric).value,
        currentValue: tested.value,
        n: window.n,
        statistic: tested.statistic,
        threshold: tested.threshold,
        version: task.version,
      };
      monitor.detection = { ...found, alertId: null };
    }
    monitor.window = { n: 0, from: null, to: null, tools: {}, values: [] };
  }
  return found;
}

type Tested = { value: number | null; statistic: number; threshold: number; direction: "up" | "down" | null };

function testMix(baseline: Baseline, window: WindowMonitor["window"]): Tested {
  const drift = distributionDrift({ baselineCounts: baseline.tools, currentCounts: window.tools });
  if (!Number.isFinite(drift.distance)) return { value: null, statistic: 0, threshold: drift.threshold, direction: null };
  return { value: drift.distance, statistic: drift.distance, threshold: drift.threshold, direction: drift.drifting ? "up" : null };
}

function testValues(baseline: Baseline, metric: string, window: WindowMonitor["window"]): Tested {
  const sample = baseline[VALUE_FIELDS[metric as keyof typeof VALUE_FIELDS]];
  const drift = valueDrift({ baseline: sample, current: window.values, alpha: VALUE_ALPHA, tolerance: VALUE_TOLERANCE, looks: 1 });
  return { value: mean(window.values), statistic: Math.abs(drift.z), threshold: VALUE_THRESHOLD, direction: drift.drifting ? drift.direction : null };
}

export type { MonitorState };

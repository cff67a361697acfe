import { db } from "../../db/client";
import { assertCan, type Principal } from "../../auth/principal";
import { AppError } from "../../errors/app-error";
import { findAgentForPrincipal } from "../../agents/get-agent";
import { listAgentChanges } from "../agent-changes";
import { baselineValue, emptyBaseline, metricDefinition, ONLINE_PREFIX, type Baseline, type MetricDefinition } from "../metrics";
import { onlineBaselineRate, onlineDriftOf } from "../monitor/online-monitor";
import type { DriftSeries } from "../monitor-view";
import { baselineBand, medianBucketSize } from "./baseline-band";
import { bucketIndexes, bucketStepMs, resolveRange, type SeriesRange } from "./time-buckets";
import { readBucketRows, type BucketRow } from "./bucket-rows";

// GET /api/v1/agents/{slug}/drift/{metric}: one metric of one agent over time, per time bucket, against
// its frozen baseline (value and band), with the monitor's change point and what changed around the
// agent in the range (versions, knowledge bases, rollbacks, policies, provider models).
// Dates stay Dates here; the route's schema turns them into ISO strings.

export type DriftSeriesResult = Omit<DriftSeries, "points" | "changePointAt" | "annotations"> & {
  points: { at: Date; value: number | null; n: number }[];
  changePointAt?: Date;
  annotations: { at: Date; kind: DriftSeries["annotations"][number]["kind"]; label: string; detail: string; diff?: { base: string | null; head: string } }[];
  /** Bucket size in milliseconds. */
  bucketMs: number;
  from: Date;
  to: Date;
};

export async function getDriftSeries(
  principal: Principal,
  slug: string,
  metric: string,
  options: { from?: string | Date; to?: string | Date } = {},
  now: Date = new Date(),
): Promise<DriftSeriesResult> {
  assertCan(principal, "drift:read");
  const agent = await findAgentForPrincipal(db(), principal, slug);
  const definition = metricDefinition(metric);
  if (!definition) {
    throw new AppError(
      "not_found",
      `Unknown drift metric "${metric}": use outcome_rate:<outcome>, online:<evaluator>, tool_mix, cost_per_task, latency_per_task, steps_per_task, error_rate, guard_deny_rate, guard_hold_rate or injection_flag_rate`,
    );
  }
  const online = await onlineReference(agent.id, metric);
  const state = await db().driftState.findUnique({ where: { agentId: agent.id } });
  const range = resolveRange(options, state?.baselineStartedAt ?? null, now);
  const stepMs = bucketStepMs(range);

  // Only a frozen baseline has a value to compare with; while collecting, its counts are partial.
  const monitoring = state?.status === "monitoring";
  const baseline: Baseline = monitoring ? { ...emptyBaseline(), ...(state.baseline as Partial<Baseline>) } : emptyBaseline();

  const [rows, changes] = await Promise.all([readBucketRows(agent.id, metric, range, stepMs), listAgentChanges(agent.id, range.from, range.to)]);
  const points = toPoints(definition, rows, range, stepMs, monitoring ? baseline : null);

  const base = online ? online.value : monitoring ? baselineValue(baseline, metric).value : null;
  const band = baselineBand(
    definition.kind,
    { value: base, samples: samplesOf(baseline, metric), tools: baseline.tools },
    medianBucketSize(points.map((point) => point.n)),
  );

  return {
    metric,
    label: definition.label,
    unit: definition.unit,
    points,
    baseline: band,
    changePointAt: online ? changePointOf({ [metric]: online.monitor }, metric) : changePointOf(state?.monitors, metric),
    annotations: changes.map((change) => ({ at: change.at, kind: change.kind, label: change.label, detail: change.detail, ...(change.diff ? { diff: change.diff } : {}) })),
    bucketMs: stepMs,
    from: range.from,
    to: range.to,
  };
}

// An online evaluator's failure rate is compared with its own baseline (its first scores), kept on its row.
async function onlineReference(agentId: string, metric: string) {
  if (!metric.startsWith(ONLINE_PREFIX)) return null;
  const evaluator = await db().onlineEvaluator.findFirst({ where: { agentId, name: metric.slice(ONLINE_PREFIX.length) }, select: { drift: true } });
  if (!evaluator) throw new AppError("not_found", `The agent has no online evaluator named "${metric.slice(ONLINE_PREFIX.length)}"`);
  const drift = onlineDriftOf(evaluator.drift);
  return { value: drift.status === "monitoring" ? onlineBaselineRate(drift.baseline) : null, monitor: drift.monitor };
}

function toPoints(definition: MetricDefinition, rows: BucketRow[], range: SeriesRange, stepMs: number, baseline: Baseline | null) {
  const byBucket = new Map(rows.map((row) => [Number(row.bucket), row]));
  return bucketIndexes(range, stepMs).map((index) => {
    const row = byBucket.get(index);
    const at = new Date(index * stepMs);
    if (!row || row.n === 0) return { at, value: null, n: 0 };
    if (definition.kind === "distribution") {
      // Without a baseline there is nothing to measure the distance from.
      return { at, value: baseline ? row.distance(baseline.tools) : null, n: row.n };
    }
    return { at, value: row.value, n: row.n };
  });
}

function samplesOf(baseline: Baseline, metric: string): number[] {
  if (metric === "cost_per_task") return baseline.costs;
  if (metric === "latency_per_task") return baseline.latencies;
  if (metric === "steps_per_task") return baseline.steps;
  return [];
}

// A monitor keeps the change point of its latest detection: drift_states.monitors[metric].detection
// .changePointAt (lib/drift/monitor/monitor-state.ts); a top-level changePointAt is read as well.
export function changePointOf(monitors: unknown, metric: string): Date | undefined {
  const monitor = objectOf(objectOf(monitors)?.[metric]);
  if (!monitor) return undefined;
  const at = monitor.changePointAt ?? objectOf(monitor.detection)?.changePointAt;
  if (typeof at !== "string") return undefined;
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const objectOf = (value: unknown) => (value && typeof value === "object" ? (value as Record<string, unknown>) : undefined);

/** The route's answer (and the page's first paint): the documented fields only. */
export function toSeriesResponse(result: DriftSeriesResult): DriftSeries {
  const { metric, label, unit, points, baseline, changePointAt, annotations } = result;
  return { metric, label, unit, points, baseline, ...(changePointAt ? { changePointAt } : {}), annotations };
}

import { describeLead, type AgentChange } from "../agent-changes";
import { metricDefinition, type MetricUnit } from "../metrics";
import type { AlertInput } from "../../alerts/raise-alert";
import type { Detection } from "./records";

// The alert a drift raises: the metric, its baseline and current values, the statistic, the change
// point, the version live then, and the changes near the change point with the nearest one before it
// named in the title as the likely cause ("… — knowledge base updated (v4) 3 h before the shift").
//
// Severity: critical (an incident opens by itself) when a rate moved by 15 points or more, or a value
// doubled or halved; otherwise a warning.

// Changes this long before the change point (or after it, since a change point is an estimate) are
// "near" it.
export const NEAR_BEFORE_MS = 72 * 3_600_000;
export const NEAR_AFTER_MS = 6 * 3_600_000;
const CRITICAL_RATE_SHIFT = 0.15;
const CRITICAL_VALUE_RATIO = 2;

export function formatMetricValue(value: number | null, unit: MetricUnit): string {
  if (value === null || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "fraction":
      return `${(value * 100).toFixed(1)}%`;
    case "usd":
      return `$${value < 0.1 ? value.toFixed(4) : value.toFixed(2)}`;
    case "ms":
      return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
    case "distance":
      return value.toFixed(3);
    default:
      return value.toFixed(1);
  }
}

export function likelyCause(changes: readonly AgentChange[], changePoint: Date): AgentChange | null {
  const before = changes.filter((change) => change.at.getTime() <= changePoint.getTime() + NEAR_AFTER_MS);
  // A knowledge-base update and its version's deploy share a moment: the knowledge base is the cause named.
  const ranked = before.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.kind === "knowledge_base" ? -1 : b.kind === "knowledge_base" ? 1 : 0));
  return ranked[0] ?? null;
}

export function driftAlertInput(
  agent: { id: string; teamId: string; slug: string },
  detection: Detection,
  changes: readonly AgentChange[],
): AlertInput {
  const definition = metricDefinition(detection.metric)!;
  const changePoint = new Date(detection.changePointAt ?? detection.detectedAt);
  const cause = likelyCause([...changes], changePoint);
  const moved = detection.direction === "up" ? "rose" : "fell";
  const values = `${formatMetricValue(detection.baselineValue, definition.unit)} → ${formatMetricValue(detection.currentValue, definition.unit)}`;
  const title =
    definition.kind === "distribution"
      ? `${agent.slug}: ${definition.label} changed (distance ${formatMetricValue(detection.currentValue, "distance")})`
      : `${agent.slug}: ${definition.label} ${moved} ${values}`;
  return {
    kind: "drift",
    severity: severityOf(detection, definition.unit),
    agentId: agent.id,
    teamId: agent.teamId,
    title: cause ? `${title} — ${cause.label} ${describeLead(cause, changePoint)} the shift` : title,
    metric: detection.metric,
    details: {
      baselineValue: detection.baselineValue,
      currentValue: detection.currentValue,
      statistic: detection.statistic,
      threshold: detection.threshold,
      changePointAt: detection.changePointAt,
      detectedAt: detection.detectedAt,
      direction: detection.direction,
      n: detection.n,
      version: detection.version,
      likelyCause: cause ? { at: cause.at.toISOString(), kind: cause.kind, label: cause.label, detail: cause.detail } : null,
      changesNear: changes.map((change) => ({ at: change.at.toISOString(), kind: change.kind, label: change.label, detail: change.detail })),
    },
    dedupeKey: `drift:${agent.id}:${detection.metric}:${detection.detectedAt}`,
  };
}

function severityOf(detection: Detection, unit: MetricUnit): AlertInput["severity"] {
  const { baselineValue: before, currentValue: after } = detection;
  if (before === null || after === null) return "warning";
  if (unit === "fraction") return Math.abs(after - before) >= CRITICAL_RATE_SHIFT ? "critical" : "warning";
  if (unit === "distance" || before <= 0 || after <= 0) return "warning";
  const ratio = after / before;
  return ratio >= CRITICAL_VALUE_RATIO || ratio <= 1 / CRITICAL_VALUE_RATIO ? "critical" : "warning";
}

import { db } from "../../db/client";
import { assertCan, type Principal } from "../../auth/principal";
import { teamAccess } from "../../auth/team-access";
import { findAgentForPrincipal } from "../../agents/get-agent";
import { baselineValue, emptyBaseline, fixedMetrics, metricDefinition, outcomeMetric, type Baseline } from "../metrics";
import type { DriftMonitorView } from "../monitor-view";
import type { MonitorState, Monitors } from "./monitor-state";
import type { Reading } from "./records";
import { listOnlineMonitors } from "./online-monitor-views";

// The drift monitors of the caller's agents (one agent's with `agent`), agents in slug order, drifting
// metrics first. An agent appears once it has been in production; while its baseline is being
// collected, its metrics show the baseline so far ("collecting_baseline", n of target). Its enabled online
// evaluators' failure rates are listed too (lib/drift/monitor/online-monitor-views.ts).
export async function listDriftMonitors(principal: Principal, query: { agent?: string } = {}): Promise<DriftMonitorView[]> {
  assertCan(principal, "drift:read");
  const only = query.agent ? await findAgentForPrincipal(db(), principal, query.agent) : null;
  const agentIds = only ? [only.id] : await visibleAgentIds(principal);
  const states = await db().driftState.findMany({ where: { agentId: { in: agentIds } } });
  // Online evaluators' failure rates are monitored whether or not the agent has reached production.
  const online = await db().onlineEvaluator.findMany({ where: { agentId: { in: agentIds }, enabled: true }, select: { agentId: true }, distinct: ["agentId"] });
  if (states.length === 0 && online.length === 0) return [];
  const monitoredIds = [...new Set([...states.map((state) => state.agentId), ...online.map((evaluator) => evaluator.agentId)])];
  const agents = await db().agent.findMany({ where: { id: { in: monitoredIds } }, select: { id: true, slug: true, name: true } });
  const agentOf = new Map(agents.map((agent) => [agent.id, agent]));
  const alertIds = states.flatMap((state) => Object.values((state.monitors ?? {}) as Monitors).flatMap((monitor) => monitor.detection?.alertId ?? []));
  const alerts = alertIds.length ? await db().alert.findMany({ where: { id: { in: alertIds } }, select: { id: true, status: true } }) : [];
  const alertStatus = new Map(alerts.map((alert) => [alert.id, alert.status]));

  const views: DriftMonitorView[] = [];
  for (const state of states) {
    const agent = agentOf.get(state.agentId);
    if (!agent) continue;
    const baseline: Baseline = { ...emptyBaseline(), ...(state.baseline as Partial<Baseline>) };
    const target = state.baselineTasks;
    const header = { agent: { slug: agent.slug, name: agent.name } };
    if (state.status !== "monitoring") {
      for (const metric of collectingMetrics(baseline, state.extraOutcomes ?? [])) {
        const definition = metricDefinition(metric)!;
        views.push({
          ...header,
          metric,
          label: definition.label,
          kind: definition.kind,
          unit: definition.unit,
          status: "collecting_baseline",
          baseline: { ...baselineValue(baseline, metric), target, version: baseline.version, from: baseline.from, to: baseline.to },
          current: { value: null, n: 0, from: null, to: null },
          statistic: null,
          threshold: null,
        });
      }
      continue;
    }
    for (const [metric, monitor] of Object.entries((state.monitors ?? {}) as Monitors)) {
      const definition = metricDefinition(metric);
      if (!definition) continue;
      const detection = monitor.detection;
      const drifting = Boolean(detection?.alertId && alertStatus.get(detection.alertId) && alertStatus.get(detection.alertId) !== "resolved");
      views.push({
        ...header,
        metric,
        label: definition.label,
        kind: definition.kind,
        unit: definition.unit,
        status: drifting ? "drifting" : "healthy",
        baseline: { ...baselineValue(baseline, metric), target, version: baseline.version, from: baseline.from, to: baseline.to },
        current: readingOf(monitor, drifting),
        ...statisticOf(monitor),
        ...(drifting && detection
          ? { detectedAt: detection.detectedAt, alertId: detection.alertId!, ...(detection.changePointAt ? { changePointAt: detection.changePointAt } : {}) }
          : {}),
      });
    }
  }
  views.push(...(await listOnlineMonitors(agents)));
  const rank = { drifting: 0, collecting_baseline: 1, healthy: 1 } as const;
  return views.sort((a, b) => a.agent.slug.localeCompare(b.agent.slug) || rank[a.status] - rank[b.status] || a.metric.localeCompare(b.metric));
}

async function visibleAgentIds(principal: Principal): Promise<string[]> {
  const agents = await db().agent.findMany({ where: { ...teamAccess(principal).where(), status: { not: "terminated" } }, select: { id: true } });
  return agents.map((agent) => agent.id);
}

// While collecting: the outcomes seen so far, the person-added ones, and the fixed metrics.
function collectingMetrics(baseline: Baseline, extraOutcomes: readonly string[]): string[] {
  const outcomes = new Set([...Object.keys(baseline.outcomes), ...extraOutcomes]);
  return [...[...outcomes].map(outcomeMetric), ...fixedMetrics].filter((metric) => metricDefinition(metric) !== null);
}

// A drifting rate reads over the tasks since its change point (what the alert said); otherwise what
// the monitor last read.
function readingOf(monitor: MonitorState, drifting: boolean): Reading {
  const detection = monitor.detection;
  if (drifting && detection && monitor.kind === "rate") {
    return { value: detection.currentValue, n: detection.n, from: detection.changePointAt, to: detection.detectedAt };
  }
  // A monitor without a reading (seen once in an e2e run, cause not yet found) lists as not read yet.
  const { value, n, from, to } = monitor.current ?? { value: null, n: 0, from: null, to: null };
  return { value, n, from, to };
}

function statisticOf(monitor: MonitorState): { statistic: number | null; threshold: number | null } {
  if (monitor.kind === "rate") {
    if (!monitor.detector) return { statistic: null, threshold: null };
    const statistic = Math.max(0, ...monitor.detector.cusums.map((cusum) => cusum.statistic));
    return { statistic, threshold: monitor.detector.params.threshold };
  }
  return { statistic: monitor.current?.statistic ?? null, threshold: monitor.current?.threshold ?? null };
}

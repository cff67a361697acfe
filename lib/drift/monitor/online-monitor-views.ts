import { db } from "../../db/client";
import { metricDefinition, onlineMetric } from "../metrics";
import type { DriftMonitorView } from "../monitor-view";
import { ONLINE_BASELINE_SCORES, onlineBaselineRate, onlineDriftOf } from "./online-monitor";

// The drift monitors of online evaluators' failure rates (metric online:<name>), one per enabled
// evaluator of the given agents, shaped like the agent's other monitors (lib/drift/monitor/list-monitors.ts).
export async function listOnlineMonitors(agents: readonly { id: string; slug: string; name: string }[]): Promise<DriftMonitorView[]> {
  if (agents.length === 0) return [];
  const evaluators = await db().onlineEvaluator.findMany({
    where: { agentId: { in: agents.map((agent) => agent.id) }, enabled: true },
    select: { agentId: true, name: true, drift: true },
  });
  const states = evaluators.map((evaluator) => ({ ...evaluator, state: onlineDriftOf(evaluator.drift) }));
  const alertIds = states.flatMap(({ state }) => state.monitor?.detection?.alertId ?? []);
  const alerts = alertIds.length ? await db().alert.findMany({ where: { id: { in: alertIds } }, select: { id: true, status: true } }) : [];
  const alertStatus = new Map(alerts.map((alert) => [alert.id, alert.status]));
  const agentOf = new Map(agents.map((agent) => [agent.id, agent]));
  return states.flatMap(({ agentId, name, state }) => {
    const agent = agentOf.get(agentId);
    const definition = metricDefinition(onlineMetric(name));
    if (!agent || !definition) return [];
    const { baseline, monitor } = state;
    const detection = monitor?.detection;
    const status = detection?.alertId ? alertStatus.get(detection.alertId) : undefined;
    const drifting = Boolean(status && status !== "resolved");
    const statistic = monitor?.detector ? Math.max(0, ...monitor.detector.cusums.map((cusum) => cusum.statistic)) : null;
    const view: DriftMonitorView = {
      agent: { slug: agent.slug, name: agent.name },
      metric: definition.metric,
      label: definition.label,
      kind: definition.kind,
      unit: definition.unit,
      status: state.status === "collecting_baseline" ? "collecting_baseline" : drifting ? "drifting" : "healthy",
      baseline: { value: onlineBaselineRate(baseline), n: baseline.n, target: ONLINE_BASELINE_SCORES, version: baseline.version, from: baseline.from, to: baseline.to },
      current:
        drifting && detection
          ? { value: detection.currentValue, n: detection.n, from: detection.changePointAt, to: detection.detectedAt }
          : { value: monitor?.current.value ?? null, n: monitor?.current.n ?? 0, from: monitor?.current.from ?? null, to: monitor?.current.to ?? null },
      statistic,
      threshold: monitor?.detector ? monitor.detector.params.threshold : null,
      ...(drifting && detection ? { detectedAt: detection.detectedAt, alertId: detection.alertId!, ...(detection.changePointAt ? { changePointAt: detection.changePointAt } : {}) } : {}),
    };
    return [view];
  });
}

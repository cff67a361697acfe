import { db } from "../../db/client";
import { assertCan, type Principal } from "../../auth/principal";
import { teamAccess } from "../../auth/team-access";
import { findAgentForPrincipal } from "../../agents/get-agent";
import { baselineValue, emptyBaseline, fixedMetrics, metricDefinition, outcomeMetric, type Baseline } from "../metrics";
import type { DriftMonitorView } from "../monitor-view";

// The agents' drift monitors as the /drift page and the Drift tab show them, read straight from
// drift_states. A stand-in for lib/drift/monitor/list-monitors.ts (listDriftMonitors) while that is
// being written: same principal-first signature and DriftMonitorView shape, so the pages switch by
// changing one import (lib/drift/series/monitors-source.ts).
//
// monitoring: one view per monitor in drift_states.monitors; drifting when it holds a detection.
// collecting_baseline: one view per metric the baseline will support so far (outcomes seen, the fixed
// metrics), each with the collection's progress (baseline.n of baseline.target tasks).

type Reading = { value?: number | null; n?: number; from?: string | null; to?: string | null };
type StoredMonitor = {
  current?: Reading & { statistic?: number; threshold?: number };
  detection?: { changePointAt?: string | null; detectedAt?: string; statistic?: number; threshold?: number; currentValue?: number | null; n?: number; alertId?: string | null };
};

export async function readDriftMonitors(principal: Principal, options: { agent?: string } = {}): Promise<DriftMonitorView[]> {
  assertCan(principal, "drift:read");
  const agentFilter = options.agent ? { agentId: (await findAgentForPrincipal(db(), principal, options.agent)).id } : {};
  const states = await db().driftState.findMany({ where: { ...teamAccess(principal).where(), ...agentFilter } });
  if (states.length === 0) return [];
  const agents = await db().agent.findMany({ where: { id: { in: states.map((state) => state.agentId) }, status: { not: "terminated" } }, select: { id: true, slug: true, name: true } });
  const agentOf = new Map(agents.map((agent) => [agent.id, agent]));

  const views: DriftMonitorView[] = [];
  for (const state of [...states].sort((a, b) => (agentOf.get(a.agentId)?.name ?? "").localeCompare(agentOf.get(b.agentId)?.name ?? ""))) {
    const agent = agentOf.get(state.agentId);
    if (!agent) continue;
    const baseline: Baseline = { ...emptyBaseline(), ...(state.baseline as Partial<Baseline>) };
    const collecting = state.status !== "monitoring";
    const monitors = (state.monitors ?? {}) as Record<string, StoredMonitor>;
    const metrics = collecting
      ? [...Object.keys(baseline.outcomes).map(outcomeMetric), ...state.extraOutcomes.map(outcomeMetric), ...fixedMetrics]
      : Object.keys(monitors);
    for (const metric of [...new Set(metrics)]) {
      const definition = metricDefinition(metric);
      if (!definition) continue;
      const monitor = monitors[metric] ?? {};
      const detection = monitor.detection;
      const base = baselineValue(baseline, metric);
      views.push({
        agent: { slug: agent.slug, name: agent.name },
        metric,
        label: definition.label,
        kind: definition.kind,
        unit: definition.unit,
        status: collecting ? "collecting_baseline" : detection ? "drifting" : "healthy",
        baseline: {
          value: collecting ? null : base.value,
          n: baseline.n,
          target: state.baselineTasks,
          version: baseline.version,
          from: baseline.from,
          to: baseline.to,
        },
        current: {
          value: monitor.current?.value ?? null,
          n: monitor.current?.n ?? 0,
          from: monitor.current?.from ?? null,
          to: monitor.current?.to ?? null,
        },
        statistic: detection?.statistic ?? monitor.current?.statistic ?? null,
        threshold: detection?.threshold ?? monitor.current?.threshold ?? null,
        ...(detection?.changePointAt ? { changePointAt: detection.changePointAt } : {}),
        ...(detection?.detectedAt ? { detectedAt: detection.detectedAt } : {}),
        ...(detection?.alertId ? { alertId: detection.alertId } : {}),
      });
    }
  }
  return views;
}

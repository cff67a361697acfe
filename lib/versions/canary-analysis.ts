import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { findAgentForPrincipal } from "../agents/get-agent";
import { collectCanaryMetrics, type SideMetrics } from "./canary-metrics";
import { readCanarySettings } from "./canary-settings-store";
import {
  hodgesLehmannShift,
  judgeCanary,
  rateDifferenceInterval,
  sampleMedian,
  valueShiftConfidence,
  type CanaryMetric,
  type CanarySettings,
} from "./canary-statistics";

// The canary against production over the canary's window: the metrics the guarded canary judges (a
// worse one ends the canary), and the ones shown for a person to weigh (outcome rates, steps), whose
// better or worse direction Control Room cannot know.

export type ComparedMetric = {
  metric: string;
  guarded: boolean;
  verdict: "collecting" | "ok" | "worse" | "shown";
  canaryValue: number | null;
  productionValue: number | null;
  difference: number | null;
  lower: number | null;
  upper: number | null;
  interval: string;
  n: { canary: number; production: number };
  explanation: string;
};

export function guardedMetrics(canary: SideMetrics, production: SideMetrics): CanaryMetric[] {
  return [
    { metric: "error_rate", kind: "rate", worseWhen: "higher", canary: { events: canary.errors, n: canary.tasks }, production: { events: production.errors, n: production.tasks } },
    { metric: "guard_deny_rate", kind: "rate", worseWhen: "higher", canary: { events: canary.denies, n: canary.decisions }, production: { events: production.denies, n: production.decisions } },
    { metric: "guard_hold_rate", kind: "rate", worseWhen: "higher", canary: { events: canary.holds, n: canary.decisions }, production: { events: production.holds, n: production.decisions } },
    { metric: "cost_per_task", kind: "value", worseWhen: "higher", canary: canary.costs, production: production.costs },
    { metric: "latency_per_task", kind: "value", worseWhen: "higher", canary: canary.latenciesMs, production: production.latenciesMs },
  ];
}

// NaN (a side without data) travels as null in JSON.
const finite = (value: number) => (Number.isFinite(value) ? value : null);

export function compareSides(canary: SideMetrics, production: SideMetrics, settings: CanarySettings) {
  const judged = judgeCanary(guardedMetrics(canary, production), settings);
  const alwaysValid = `always-valid ${Number(((1 - settings.alpha) * 100).toFixed(2))}%`;
  const metrics: ComparedMetric[] = judged.metrics.map((metric) => ({
    metric: metric.metric,
    guarded: true,
    verdict: metric.verdict,
    canaryValue: finite(metric.canaryValue),
    productionValue: finite(metric.productionValue),
    difference: finite(metric.difference),
    lower: finite(metric.lower),
    upper: finite(metric.upper),
    interval: metric.metric.endsWith("_rate") ? alwaysValid : `${valueShiftConfidence * 100}% Hodges–Lehmann`,
    n: metric.n,
    explanation: metric.explanation,
  }));
  const outcomes = [...new Set([...Object.keys(canary.outcomes), ...Object.keys(production.outcomes)])].sort();
  for (const outcome of outcomes) {
    const sides = { canary: { events: canary.outcomes[outcome] ?? 0, n: canary.tasks }, production: { events: production.outcomes[outcome] ?? 0, n: production.tasks } };
    const interval = rateDifferenceInterval(sides);
    metrics.push({
      metric: `outcome_rate:${outcome}`,
      guarded: false,
      verdict: "shown",
      canaryValue: sides.canary.n ? sides.canary.events / sides.canary.n : null,
      productionValue: sides.production.n ? sides.production.events / sides.production.n : null,
      difference: finite(interval.estimate),
      lower: finite(interval.lower),
      upper: finite(interval.upper),
      interval: "95% (one look)",
      n: { canary: sides.canary.n, production: sides.production.n },
      explanation: `Share of tasks with outcome "${outcome}": whether more is better is the agent's business, so it is shown, not judged`,
    });
  }
  const steps = canary.steps.length && production.steps.length ? hodgesLehmannShift(production.steps, canary.steps, valueShiftConfidence) : null;
  metrics.push({
    metric: "steps_per_task",
    guarded: false,
    verdict: "shown",
    canaryValue: canary.steps.length ? sampleMedian(canary.steps) : null,
    productionValue: production.steps.length ? sampleMedian(production.steps) : null,
    difference: steps ? finite(steps.shift) : null,
    lower: steps ? finite(steps.lower) : null,
    upper: steps ? finite(steps.upper) : null,
    interval: `${valueShiftConfidence * 100}% Hodges–Lehmann`,
    n: { canary: canary.steps.length, production: production.steps.length },
    explanation: "Spans per task (medians and their shift)",
  });
  return { verdict: judged.verdict, metrics };
}

// The agent's running canary, analysed; null when no canary runs.
export async function analyseRunningCanary(agentId: string) {
  const serving = await db().agentVersion.findMany({
    where: { agentId, stage: { in: ["production", "canary"] } },
    select: { id: true, label: true, stage: true, trafficPercent: true, stageChangedAt: true },
  });
  const canary = serving.find((version) => version.stage === "canary");
  const production = serving.find((version) => version.stage === "production");
  if (!canary || !production) return null;
  const settings = await readCanarySettings(agentId);
  const sides = await collectCanaryMetrics(agentId, { canary: canary.label, production: production.label }, canary.stageChangedAt);
  return {
    canary: { id: canary.id, label: canary.label, percent: canary.trafficPercent, since: canary.stageChangedAt },
    production: { id: production.id, label: production.label },
    settings,
    ...compareSides(sides.canary, sides.production, settings),
  };
}

// GET /api/v1/agents/{slug}/canary: the comparison page's data.
export async function getCanaryComparison(principal: Principal, slug: string) {
  assertCan(principal, "versions:read");
  const agent = await findAgentForPrincipal(db(), principal, slug);
  const analysis = await analyseRunningCanary(agent.id);
  return analysis ?? { canary: null, production: null, settings: await readCanarySettings(agent.id), verdict: null, metrics: [] };
}

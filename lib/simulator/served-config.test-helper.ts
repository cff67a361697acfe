import { plannedBundle, demoVersionPlans } from "../demo/demo-versions";
import type { ServedConfig } from "./config-client";

// For tests: what the config call serves for a demo agent's version, built from the demo plan
// (lib/demo/demo-versions.ts) the seed creates the versions from.
export function servedFromPlan(agent: string, label: string, stage: "production" | "canary" = "production"): ServedConfig {
  const bundle = plannedBundle(agent, label);
  return {
    agent,
    version: { id: `${agent}-${label}`, label, stage },
    model: bundle.model,
    prompt: bundle.prompt,
    params: bundle.params ?? {},
    knowledgeBase: bundle.knowledgeBase ?? null,
    tools: bundle.tools ?? [],
    policyVersion: null,
    sessionId: null,
  };
}

// The version each demo agent runs in production once seeded: the plan's last production promotion.
export function seededProduction(agent: string): ServedConfig {
  const steps = demoVersionPlans[agent] ?? [];
  const last = steps.flatMap((step) => ("promote" in step && step.to.stage === "production" ? [step.promote] : [])).at(-1);
  if (!last) throw new Error(`The demo plan deploys nothing for ${agent}`);
  return servedFromPlan(agent, last);
}

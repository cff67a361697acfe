import { every } from "../events/jobs";
import { on } from "../events/registry";
import { spansStored } from "../traces/events";
import { guardDecisionsStored } from "../guard/events";
import { deploymentChanged } from "../versions/events";
import { ensureDriftStates } from "./monitor/ensure-drift-states";
import { driftRunning, scheduleDrift, stopDrift, sweepDrift, SWEEP_MS } from "./monitor/schedule-drift";

// Drift monitoring reads an agent's new tasks and guard decisions shortly after they are stored here,
// and every SWEEP_MS for all agents (what other replicas stored, agents that just reached production).
on(spansStored, "drift: read new tasks", ({ agentId }) => scheduleDrift(agentId));
on(guardDecisionsStored, "drift: read new decisions", ({ agentIds }) => agentIds.forEach(scheduleDrift));

// An agent's first production deploy starts its baseline (the sweep would too, a little later).
on(deploymentChanged, "drift: monitor from the first production deploy", async ({ agentId, toStage, kind }) => {
  if (!driftRunning() || (toStage !== "production" && kind !== "production_approved" && kind !== "rolled_back")) return;
  if ((await ensureDriftStates(agentId)) > 0) scheduleDrift(agentId);
});

every({
  name: "drift monitoring",
  intervalMs: SWEEP_MS,
  atStart: true,
  atStop: true,
  run: ({ when, log }) => (when === "stop" ? stopDrift() : sweepDrift(log)),
});

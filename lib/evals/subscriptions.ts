import { every } from "../events/jobs";
import { on } from "../events/registry";
import { spansStored } from "../traces/events";
import { ONLINE_SWEEP_MS, scheduleOnlineScoring, stopOnlineScoring, sweepOnlineScoring } from "./online/schedule-online";

// Online evaluators score an agent's newly completed live traces shortly after they are stored here,
// and every ONLINE_SWEEP_MS for all agents (what other replicas stored). Not at start: start-up would wait
// for LLM judge calls.
on(spansStored, "online evaluators: score new traces", ({ agentId }) => scheduleOnlineScoring(agentId));

every({
  name: "online evaluators",
  intervalMs: ONLINE_SWEEP_MS,
  atStop: true,
  run: ({ when, log }) => (when === "stop" ? stopOnlineScoring() : sweepOnlineScoring(log)),
});

import { processState } from "../../cache/process-state";
import { db } from "../../db/client";
import { SETTLE_SECONDS } from "../../drift/monitor/read-stream";
import { scoreOnlineEvaluator } from "./score-online";

// When online evaluators score: shortly after this process stored an agent's spans (the spansStored
// signal; the wait lets the rows settle), and on a sweep every SWEEP_MS for what other replicas stored.
// One step per evaluator at a time (bounded by BATCH traces); an evaluator with a backlog is scheduled
// again at once. Runs only while the server runs (started by the sweep job's first run).

export const ONLINE_SWEEP_MS = 10_000;
const DELAY_MS = SETTLE_SECONDS * 1000 + 500;

type Scheduler = { enabled: boolean; pending: Set<string>; timer: NodeJS.Timeout | null; running: Promise<void>; log: (line: string) => void };
const scheduler = processState<Scheduler>("online-evals:scheduler", () => ({
  enabled: false,
  pending: new Set(),
  timer: null,
  running: Promise.resolve(),
  log: (line) => console.error(`[control-room] ${line}`),
}));

export function scheduleOnlineScoring(agentId: string): void {
  const state = scheduler;
  if (!state.enabled) return;
  state.pending.add(agentId);
  if (state.timer) return;
  state.timer = setTimeout(() => {
    state.timer = null;
    const agents = [...state.pending];
    state.pending.clear();
    void scoreAgents(agents);
  }, DELAY_MS);
  state.timer.unref();
}

async function enabledEvaluators(agentIds?: readonly string[]) {
  return db().onlineEvaluator.findMany({
    where: { enabled: true, ...(agentIds ? { agentId: { in: [...agentIds] } } : {}) },
    select: { id: true, agentId: true },
    orderBy: { scoredUntil: "asc" },
  });
}

function scoreAgents(agentIds?: readonly string[]): Promise<void> {
  const state = scheduler;
  state.running = state.running.then(async () => {
    for (const evaluator of await enabledEvaluators(agentIds)) {
      if (!state.enabled) return;
      try {
        const step = await scoreOnlineEvaluator(evaluator.id);
        if (step && !step.caughtUp) scheduleOnlineScoring(evaluator.agentId);
      } catch (error) {
        state.log(`online evaluator ${evaluator.id} failed to score: ${(error as Error)?.message ?? error}`);
      }
    }
  });
  return state.running;
}

export async function sweepOnlineScoring(log: (line: string) => void): Promise<void> {
  scheduler.enabled = true;
  scheduler.log = log;
  await scoreAgents();
}

export async function stopOnlineScoring(): Promise<void> {
  const state = scheduler;
  state.enabled = false;
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  state.pending.clear();
  await state.running;
}

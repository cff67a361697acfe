import { processState } from "../../cache/process-state";
import { db } from "../../db/client";
import { advanceDrift } from "./advance-drift";
import { ensureDriftStates } from "./ensure-drift-states";
import { SETTLE_SECONDS } from "./read-stream";

// When drift monitoring reads: shortly after this process stored an agent's spans or guard decisions
// (their signals; the wait lets the rows settle, lib/drift/monitor/read-stream.ts), so a drift is
// reported within seconds of the data that shows it — and on a sweep every SWEEP_MS for what other
// replicas stored. Runs only while the server runs (started by the sweep job's first run), one
// agent at a time.

export const SWEEP_MS = 10_000;
const DELAY_MS = SETTLE_SECONDS * 1000 + 500;

type Scheduler = { enabled: boolean; pending: Set<string>; timer: NodeJS.Timeout | null; running: Promise<void>; log: (line: string) => void };
const scheduler = processState<Scheduler>("drift:scheduler", () => ({
  enabled: false,
  pending: new Set(),
  timer: null,
  running: Promise.resolve(),
  log: (line) => console.error(`[control-room] ${line}`),
}));

export const driftRunning = () => scheduler.enabled;

export function scheduleDrift(agentId: string): void {
  const state = scheduler;
  if (!state.enabled) return;
  state.pending.add(agentId);
  if (state.timer) return;
  state.timer = setTimeout(() => {
    state.timer = null;
    const agents = [...state.pending];
    state.pending.clear();
    void advanceAgents(agents);
  }, DELAY_MS);
  state.timer.unref();
}

function advanceAgents(agentIds: readonly string[]): Promise<void> {
  const state = scheduler;
  state.running = state.running.then(async () => {
    for (const agentId of agentIds) {
      try {
        const report = await advanceDrift(agentId);
        // A backlog larger than one run's slices: carry on soon.
        if (report && !report.caughtUp) scheduleDrift(agentId);
      } catch (error) {
        state.log(`drift monitoring of agent ${agentId} failed: ${(error as Error)?.message ?? error}`);
      }
    }
  });
  return state.running;
}

export async function sweepDrift(log: (line: string) => void): Promise<void> {
  scheduler.enabled = true;
  scheduler.log = log;
  await ensureDriftStates();
  const states = await db().driftState.findMany({ select: { agentId: true }, orderBy: { updatedAt: "asc" } });
  await advanceAgents(states.map((state) => state.agentId));
}

export async function stopDrift(): Promise<void> {
  const state = scheduler;
  state.enabled = false;
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  state.pending.clear();
  await state.running;
}

import { connectAdmin, type AdminCredentials } from "./admin-client";
import { provisionAgentKeys } from "./agent-keys";
import { createFleet, type FleetStats } from "./fleet";
import { pickWeighted } from "./random";
import { selectScenarios } from "./registry";
import { createSessionPool } from "./sessions";
import type { Scenario } from "./types";

export type SimulatorOptions = {
  baseUrl: string; // the Control Room to send to, e.g. http://localhost:3000
  rate: number; // traces per second across the whole fleet
  scenarios?: string[]; // names, name prefixes or agent slugs; default: the weighted mix
  credentials?: AdminCredentials; // default: CONTROLROOM_ADMIN_KEY, else the demo admin's login
  log?: (line: string) => void;
};

export type SimulatorStats = FleetStats & { tracesStarted: number; spansStarted: number; pendingSpans: number; openSessions: number };

export type Simulator = {
  agents: string[];
  scenarios: string[];
  stats(): SimulatorStats;
  stop(): Promise<void>; // flushes what was started, then shuts the exporters down
};

const TICK_MS = 100;

// The demo fleet: signs in as an admin, gives each agent a fresh key, then starts `rate` tasks per
// second, each a scenario picked by weight, exported through the agent's own OpenTelemetry SDK.
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const log = options.log ?? (() => {});
  if (!(options.rate > 0)) throw new Error(`rate must be a positive number of traces per second (got ${options.rate})`);
  const selected = selectScenarios(options.scenarios);
  const credentials = options.credentials ?? { adminKey: process.env.CONTROLROOM_ADMIN_KEY?.trim() || undefined };
  const admin = await connectAdmin(options.baseUrl, credentials);
  const keys = await provisionAgentKeys(admin, [...new Set(selected.map((scenario) => scenario.agent))], log);
  const runnable = selected.filter((scenario) => keys[scenario.agent]);
  if (runnable.length === 0) throw new Error("None of the selected scenarios' agents is registered in this Control Room");

  const fleet = createFleet(options.baseUrl, keys);
  const sessions = createSessionPool();
  const counters = { tracesStarted: 0, spansStarted: 0, failures: 0 };
  const runOne = (scenario: Scenario, now: number) => {
    const tracer = fleet.tracerFor(scenario.agent);
    if (!tracer) return;
    const session = sessions.take(scenario, now);
    try {
      const result = scenario.run(tracer, { startTime: now, session });
      counters.tracesStarted += 1;
      counters.spansStarted += result.spanCount;
      sessions.release(scenario, session, result.endTime);
    } catch (error) {
      // A broken scenario must not stop the others; say so once in a while, not 50 times a second.
      if (counters.failures++ % 100 === 0) log(`scenario ${scenario.name} failed: ${(error as Error).message}`);
    }
  };

  // Credit accumulates at `rate` per second, so fractional rates (0.2/s) work; it is capped so a
  // stalled event loop does not release a burst afterwards.
  let credit = 1;
  let last = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    credit = Math.min(credit + ((now - last) / 1000) * options.rate, options.rate + 1);
    last = now;
    while (credit >= 1) {
      credit -= 1;
      const scenario = pickWeighted(runnable);
      if (scenario) runOne(scenario, now);
    }
  }, TICK_MS);

  let stopping: Promise<void> | undefined;
  return {
    agents: fleet.agents,
    scenarios: runnable.map((scenario) => scenario.name),
    stats: () => ({ ...fleet.stats, tracesStarted: counters.tracesStarted, spansStarted: counters.spansStarted, pendingSpans: fleet.pendingSpans(), openSessions: sessions.openSessions() }),
    stop() {
      clearInterval(timer);
      stopping ??= fleet.shutdown();
      return stopping;
    },
  };
}

import { connectAdmin, type AdminCredentials } from "./admin-client";
import { provisionAgentKeys } from "./agent-keys";
import { createFleet, type FleetStats } from "./fleet";
import { httpGuardClient, type GuardClient } from "./guard-client";
import { httpConfigClient, type ConfigClient } from "./config-client";
import { pickWeighted } from "./random";
import { fleetSettings, selectScenarios } from "./registry";
import { createSessionPool } from "./sessions";
import type { Scenario } from "./types";
import { createWaitingSessions, realClock } from "./waiting";

export type SimulatorOptions = {
  baseUrl: string; // the Control Room to send to, e.g. http://localhost:3000
  rate: number; // traces per second across the whole fleet
  scenarios?: string[]; // names, name prefixes or agent slugs; default: the weighted mix
  credentials?: AdminCredentials; // default: CONTROLROOM_ADMIN_KEY, else the demo admin's login
  log?: (line: string) => void;
  // Agents whose tasks wait until the promise settles (the demo's claims agent waits for its history
  // backfill, so that its live tasks are stored after its past ones).
  holdUntil?: Record<string, Promise<unknown>>;
};

export type SimulatorStats = FleetStats & {
  tracesStarted: number;
  spansStarted: number;
  pendingSpans: number;
  openSessions: number;
  runningTasks: number; // tasks in flight (a held one waits for a reviewer)
  waitingSessions: number;
  outcomes: Record<string, number>; // finished tasks by outcome (stopped, not_approved, ordered…)
  served: Record<string, number>; // tasks by the version the config call served, "claims-agent@v4"
  // Tasks not run because the config call answered no_production_version, or could not be made.
  skipped: { noProductionVersion: number; configUnavailable: number };
};

export type Simulator = {
  agents: string[];
  scenarios: string[];
  stats(): SimulatorStats;
  stop(): Promise<void>; // lets running tasks finish (up to STOP_GRACE_MS), flushes, shuts the exporters down
};

const TICK_MS = 100;
// Tasks run in real time (they wait for their guard calls); on stop they get this long to finish. A
// task still waiting for a reviewer then is abandoned, as a stopped agent process would abandon it.
const STOP_GRACE_MS = 20_000;

// The demo fleet: signs in as an admin, gives each agent a fresh key, then starts `rate` tasks per
// second, each a scenario picked by weight, run as the version the config call serves the session,
// exported through the agent's own OpenTelemetry SDK and asking the guard before each step with the
// agent's key.
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
  const guards = new Map<string, GuardClient>(Object.entries(keys).map(([agent, key]) => [agent, httpGuardClient(options.baseUrl, key)]));
  const configs = new Map<string, ConfigClient>(Object.entries(keys).map(([agent, key]) => [agent, httpConfigClient(options.baseUrl, key)]));
  const sessions = createSessionPool();
  const waiting = createWaitingSessions(fleetSettings.maxWaitingSessions);
  const backedOffUntil = new Map<string, number>();
  const held = new Set<string>();
  for (const [agent, until] of Object.entries(options.holdUntil ?? {})) {
    held.add(agent);
    void until.then(
      () => held.delete(agent),
      () => held.delete(agent),
    );
  }
  const counters = { tracesStarted: 0, spansStarted: 0, failures: 0, running: 0, outcomes: {} as Record<string, number>, served: {} as Record<string, number> };
  const skipped = { noProductionVersion: 0, configUnavailable: 0 };
  let stopped = false;
  // Tasks run concurrently: each awaits its guard calls (and a held one its reviewer) on its own.
  const runOne = async (scenario: Scenario, now: number) => {
    const tracer = fleet.tracerFor(scenario.agent);
    const guard = guards.get(scenario.agent);
    const configClient = configs.get(scenario.agent);
    if (!tracer || !guard || !configClient) return;
    const session = sessions.take(scenario, now);
    counters.running += 1;
    try {
      // Every task asks which version to run (nothing is cached, so a rollback reaches the next task);
      // with nothing deployed, or no answer, the agent does not run it and the session is dropped.
      const served = await configClient.fetch(session.id);
      if (served.kind !== "served") {
        const count = served.kind === "no_production_version" ? ++skipped.noProductionVersion : ++skipped.configUnavailable;
        if (count % 100 === 1) log(`${scenario.agent}: task skipped (${served.kind === "no_production_version" ? "no production version" : "config call failed"}: ${served.message}); ${count} so far`);
        return;
      }
      const servedKey = `${scenario.agent}@${served.config.version.label}`;
      counters.served[servedKey] = (counters.served[servedKey] ?? 0) + 1;
      const result = await scenario.run(tracer, { startTime: Date.now(), session, guard, clock: realClock, waiting, config: served.config });
      counters.tracesStarted += 1;
      counters.spansStarted += result.spanCount;
      counters.outcomes[result.outcome] = (counters.outcomes[result.outcome] ?? 0) + 1;
      const backoff = result.stoppedBy ? fleetSettings.backoffSeconds[result.stoppedBy] : undefined;
      if (backoff) {
        backedOffUntil.set(scenario.agent, Date.now() + backoff * 1000);
        log(`${scenario.agent} stopped by the guard (${result.stoppedBy}: ${result.stopMessage}); no new tasks for ${backoff} s`);
      } else if (!result.stoppedBy) {
        sessions.release(scenario, session, result.endTime);
      }
    } catch (error) {
      // A broken scenario must not stop the others; say so once in a while, not 50 times a second.
      if (counters.failures++ % 100 === 0) log(`scenario ${scenario.name} failed: ${(error as Error).message}`);
    } finally {
      counters.running -= 1;
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
    while (credit >= 1 && !stopped) {
      credit -= 1;
      const available = runnable.filter((scenario) => !held.has(scenario.agent) && (backedOffUntil.get(scenario.agent) ?? 0) <= now);
      const scenario = pickWeighted(available);
      if (scenario) void runOne(scenario, now);
    }
  }, TICK_MS);

  let stopping: Promise<void> | undefined;
  return {
    agents: fleet.agents,
    scenarios: runnable.map((scenario) => scenario.name),
    stats: () => ({
      ...fleet.stats,
      tracesStarted: counters.tracesStarted,
      spansStarted: counters.spansStarted,
      pendingSpans: fleet.pendingSpans(),
      openSessions: sessions.openSessions(),
      runningTasks: counters.running,
      waitingSessions: waiting.count(),
      outcomes: { ...counters.outcomes },
      served: { ...counters.served },
      skipped: { ...skipped },
    }),
    stop() {
      clearInterval(timer);
      stopped = true;
      stopping ??= (async () => {
        const deadline = Date.now() + STOP_GRACE_MS;
        while (counters.running > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
        await fleet.shutdown();
      })();
      return stopping;
    },
  };
}

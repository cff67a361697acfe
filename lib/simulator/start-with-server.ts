import { startSimulator } from "./start-simulator";
import { processState } from "../cache/process-state";
import { backfillDemoHistory } from "../demo/backfill-history";
import { DEMO_HISTORY_AGENT } from "../demo/demo-history";

const HEALTH_TIMEOUT_MS = 120_000;
const FAILURE_REPORT_MS = 60_000;

const isOff = (value: string | undefined) => ["off", "0", "false", "no"].includes(value?.trim().toLowerCase() ?? "");

export const simulatorDisabled = (env: Record<string, string | undefined> = process.env) => isOff(env.CONTROLROOM_SIMULATOR);

// The claims agent's past (lib/demo/backfill-history.ts) is sent on a fresh demo whether or not the
// live fleet runs (the e2e servers run without it and still need the drift story); CONTROLROOM_DEMO_HISTORY=off skips it.
export const historyDisabled = (env: Record<string, string | undefined> = process.env) => isOff(env.CONTROLROOM_DEMO_HISTORY);

const simulator = processState("simulator", () => ({ started: false }));

// Demo mode's history backfill and live fleet, started from the server's start-up without delaying it:
// both wait until this server answers its own health check (they talk to it over HTTP like any agent
// would), and any failure is logged, never thrown: the demo fleet must not take the server down.
// The fleet starts at once, but its claims agent only once the history is stored: drift monitoring
// reads tasks in the order they are stored, and the live v4 tasks must come after the past ones.
export function startDemoFleetWithServer(log: (line: string) => void): void {
  const fleetOn = !simulatorDisabled();
  const historyOn = !historyDisabled();
  if (!fleetOn && !historyOn) return;
  if (simulator.started) return;
  simulator.started = true;
  const rate = Number(process.env.CONTROLROOM_SIMULATOR_RATE ?? 1);
  const runFleet = fleetOn && rate > 0;
  if (fleetOn && !runFleet) log(`demo fleet off: CONTROLROOM_SIMULATOR_RATE=${process.env.CONTROLROOM_SIMULATOR_RATE} is not a positive number`);
  setTimeout(() => {
    waitForOwnServer()
      .then((baseUrl) => {
        const history = historyOn ? sendHistory(baseUrl, log) : Promise.resolve();
        if (runFleet) launch(baseUrl, rate, log, history).catch((error) => log(`demo fleet not started: ${(error as Error).message}`));
      })
      .catch((error) => log(`demo fleet not started: ${(error as Error).message}`));
  }, 500).unref?.();
}

// Settles (never rejects) once the history is stored, skipped, or has failed.
async function sendHistory(baseUrl: string, log: (line: string) => void): Promise<void> {
  try {
    const result = await backfillDemoHistory({ baseUrl, principal: { kind: "system", label: "demo-history" }, log: (line) => log(`demo history: ${line}`) });
    if (result.sent > 0) log(`demo history: the claims agent's past ${result.sent} tasks (v1 10 days ago … v4 since 3 h) sent in ${(result.ms / 1000).toFixed(1)} s`);
  } catch (error) {
    log(`demo history not sent: ${(error as Error).message}`);
  }
}

async function launch(baseUrl: string, rate: number, log: (line: string) => void, history: Promise<void>) {
  const simulator = await startSimulator({ baseUrl, rate, log: (line) => log(`demo fleet: ${line}`), holdUntil: { [DEMO_HISTORY_AGENT]: history } });
  log(`demo fleet running: ${rate} trace(s)/s from ${simulator.agents.join(", ")} (CONTROLROOM_SIMULATOR=off turns it off)`);
  let reportedFailures = 0;
  setInterval(() => {
    const stats = simulator.stats();
    if (stats.spansFailed > reportedFailures) {
      log(`demo fleet: ${stats.spansFailed - reportedFailures} span(s) not accepted in the last minute: ${stats.lastError}`);
      reportedFailures = stats.spansFailed;
    }
  }, FAILURE_REPORT_MS).unref?.();
}

// PORT is read when the timer fires: `next start -p` sets it once the server listens.
async function waitForOwnServer(): Promise<string> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const port = process.env.PORT ?? "3000";
    for (const host of ["127.0.0.1", "localhost", "[::1]"]) {
      const baseUrl = `http://${host}:${port}`;
      try {
        const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(3000) });
        if (response.ok) return baseUrl;
      } catch {
        // not listening (yet) on this address
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`the server did not answer /api/health within ${HEALTH_TIMEOUT_MS / 1000} s`);
}

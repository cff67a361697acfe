import { startSimulator } from "./start-simulator";
import { processState } from "../cache/process-state";

const HEALTH_TIMEOUT_MS = 120_000;
const FAILURE_REPORT_MS = 60_000;

export const simulatorDisabled = (env: Record<string, string | undefined> = process.env) =>
  ["off", "0", "false", "no"].includes(env.CONTROLROOM_SIMULATOR?.trim().toLowerCase() ?? "");

const simulator = processState("simulator", () => ({ started: false }));

// Demo mode's live fleet, started from the server's start-up without delaying it: it waits until this
// server answers its own health check (the fleet talks to it over HTTP like any agent would), and
// any failure is logged, never thrown: the demo fleet must not take the server down.
export function startDemoFleetWithServer(log: (line: string) => void): void {
  if (simulatorDisabled()) return;
  if (simulator.started) return;
  simulator.started = true;
  const rate = Number(process.env.CONTROLROOM_SIMULATOR_RATE ?? 1);
  if (!(rate > 0)) {
    log(`demo fleet off: CONTROLROOM_SIMULATOR_RATE=${process.env.CONTROLROOM_SIMULATOR_RATE} is not a positive number`);
    return;
  }
  setTimeout(() => {
    launch(rate, log).catch((error) => log(`demo fleet not started: ${(error as Error).message}`));
  }, 500).unref?.();
}

async function launch(rate: number, log: (line: string) => void) {
  const baseUrl = await waitForOwnServer();
  const simulator = await startSimulator({ baseUrl, rate, log: (line) => log(`demo fleet: ${line}`) });
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

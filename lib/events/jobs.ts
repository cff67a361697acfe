import { processState } from "../cache/process-state";

// Background work a domain runs while the server is up, registered with every() in its
// subscriptions.ts and started and stopped with the server. A run never overlaps the previous one
// of the same job; a failure is logged and the next tick tries again.

export type JobContext = { when: "start" | "tick" | "stop"; log: (line: string) => void };
export type Job = {
  name: string;
  intervalMs: number | (() => number);
  run: (context: JobContext) => Promise<unknown>;
  // Also once when the server starts (awaited) / once more when it stops, after in-flight requests.
  atStart?: boolean;
  atStop?: boolean;
};

type Running = { job: Job; timer?: NodeJS.Timeout; last: Promise<unknown> };
const state = processState<{ jobs: Map<string, Job>; running: Map<string, Running>; log: (line: string) => void }>("events:jobs", () => ({
  jobs: new Map(),
  running: new Map(),
  log: () => {},
}));

export function every(job: Job): void {
  state.jobs.set(job.name, job);
}

function runNow(entry: Running, when: JobContext["when"]): Promise<unknown> {
  entry.last = entry.last.then(() =>
    entry.job.run({ when, log: state.log }).catch((error: unknown) => state.log(`${entry.job.name} failed: ${(error as Error)?.message ?? error}`)),
  );
  return entry.last;
}

export async function startJobs(log: (line: string) => void): Promise<void> {
  state.log = log;
  for (const job of state.jobs.values()) {
    if (state.running.has(job.name)) continue;
    const entry: Running = { job, last: Promise.resolve() };
    state.running.set(job.name, entry);
    if (job.atStart) await runNow(entry, "start");
    const intervalMs = typeof job.intervalMs === "function" ? job.intervalMs() : job.intervalMs;
    let busy = false;
    entry.timer = setInterval(() => {
      // A slow run (a large fleet, a busy database) must not pile up behind itself.
      if (busy) return;
      busy = true;
      void runNow(entry, "tick").finally(() => (busy = false));
    }, intervalMs);
    entry.timer.unref();
  }
}

export async function stopJobs(): Promise<void> {
  const entries = [...state.running.values()];
  state.running.clear();
  for (const entry of entries) clearInterval(entry.timer);
  for (const entry of entries) await (entry.job.atStop ? runNow(entry, "stop") : entry.last);
}

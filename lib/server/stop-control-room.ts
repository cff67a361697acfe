import { announceShutdown } from "../guard/decision-events";
import { stopJobs } from "../events/jobs";
import { stopEventListener } from "../events/listen-for-events";
import { closeDb } from "../db/client";

// The server's graceful stop, in two steps that scripts/serve.mjs calls through globalThis (it is plain
// JavaScript outside Next's bundles) on SIGTERM or SIGINT, once it has stopped accepting connections.
export type ShutdownHooks = {
  // At once: every long-poll answers now with its decision's current state, and no new one waits.
  stopWaiting: () => void;
  // Once in-flight requests have finished (or the grace period ran out): stop the jobs (those that run
  // once more at stop do now: the audit log's head gets a final checkpoint), then let go of the
  // database (PGlite writes its data out on close).
  finish: (log: (line: string) => void) => Promise<void>;
};

const hooks: ShutdownHooks = {
  stopWaiting: announceShutdown,
  finish: async () => {
    await stopJobs();
    await stopEventListener();
    await closeDb();
  },
};

export function registerShutdownHooks(): void {
  (globalThis as { controlRoomShutdown?: ShutdownHooks }).controlRoomShutdown = hooks;
}

import { announceShutdown } from "../guard/decision-events";
import { finalAuditCheckpoint } from "../audit/checkpoint-schedule";
import { stopChangeListener } from "../db/change-events";
import { closeDb } from "../db/client";

// The server's graceful stop, in two steps that scripts/serve.mjs calls through globalThis (it is plain
// JavaScript outside Next's bundles) on SIGTERM or SIGINT, once it has stopped accepting connections.
export type ShutdownHooks = {
  // At once: every long-poll answers now with its decision's current state, and no new one waits.
  stopWaiting: () => void;
  // Once in-flight requests have finished (or the grace period ran out): anchor the audit log's head
  // with a final checkpoint, then let go of the database (PGlite writes its data out on close).
  finish: (log: (line: string) => void) => Promise<void>;
};

const hooks: ShutdownHooks = {
  stopWaiting: announceShutdown,
  finish: async (log) => {
    const checkpoint = await finalAuditCheckpoint();
    if (checkpoint) log(`audit log anchored up to entry #${checkpoint.lastSeq} (${checkpoint.entries} entries)`);
    await stopChangeListener();
    await closeDb();
  },
};

export function registerShutdownHooks(): void {
  (globalThis as { controlRoomShutdown?: ShutdownHooks }).controlRoomShutdown = hooks;
}

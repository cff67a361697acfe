import { EventEmitter } from "node:events";
import { processState } from "../cache/process-state";

// Wakes long-polls in this process the moment a held action is settled, on any replica (the
// heldActionSettled event, lib/guard/subscriptions.ts).
// At shutdown every waiter is woken at once and none waits again, so each answers with the decision's
// current state before the server closes (scripts/serve.mjs, lib/server/stop-control-room.ts).

const SHUTDOWN = Symbol("shutdown");

type DecisionEvents = { emitter: EventEmitter; shuttingDown: boolean };

// One per process: Next bundles this module into several server chunks; they must share one emitter.
const events = () =>
  processState<DecisionEvents>("decision-waiters", () => {
    const emitter = new EventEmitter();
    // One listener per waiting agent request; many may wait at once.
    emitter.setMaxListeners(0);
    return { emitter, shuttingDown: false };
  });

export function announceDecision(decisionId: string): void {
  events().emitter.emit(decisionId);
}

// The server is stopping: wake every waiter now; later waits return at once.
export function announceShutdown(): void {
  const state = events();
  state.shuttingDown = true;
  state.emitter.emit(SHUTDOWN);
}

export const isShuttingDown = () => events().shuttingDown;

// Resolves after `ms`, or earlier when the decision is announced or the server shuts down.
export function waitForDecision(decisionId: string, ms: number): Promise<void> {
  const { emitter, shuttingDown } = events();
  if (shuttingDown) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      emitter.off(decisionId, done);
      emitter.off(SHUTDOWN, done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    emitter.once(decisionId, done);
    emitter.once(SHUTDOWN, done);
  });
}

import { EventEmitter } from "node:events";

// Wakes long-polls in this process the moment a reviewer decides: called by decide-decision here, and
// by the change listener when another replica's decision arrives over NOTIFY (lib/db/change-events.ts).

const globalForEvents = globalThis as unknown as { controlRoomDecisionEvents?: EventEmitter };

function emitter(): EventEmitter {
  if (!globalForEvents.controlRoomDecisionEvents) {
    const events = new EventEmitter();
    // One listener per waiting agent request; many may wait at once.
    events.setMaxListeners(0);
    globalForEvents.controlRoomDecisionEvents = events;
  }
  return globalForEvents.controlRoomDecisionEvents;
}

export function announceDecision(decisionId: string): void {
  emitter().emit(decisionId);
}

// Resolves after `ms`, or earlier when the decision is announced.
export function waitForDecision(decisionId: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const events = emitter();
    const done = () => {
      clearTimeout(timer);
      events.off(decisionId, done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    events.once(decisionId, done);
  });
}

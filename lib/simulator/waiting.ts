// Sessions waiting for a reviewer (held actions). The fleet keeps their number small so the approvals
// queue shows a few held actions, not hundreds: scenarios that would be held ask hasRoom() first.
export type WaitingSessions = { hasRoom(): boolean; enter(): void; leave(): void; count(): number };

export function createWaitingSessions(capacity: number): WaitingSessions {
  let waiting = 0;
  return {
    hasRoom: () => waiting < capacity,
    enter: () => void (waiting += 1),
    leave: () => void (waiting = Math.max(0, waiting - 1)),
    count: () => waiting,
  };
}

// Real time for the fleet; tests pass a virtual clock whose sleep returns at once.
export type Clock = { now(): number; sleep(ms: number): Promise<void> };

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

// State that must be one per process. Next.js bundles route handlers, server actions and
// instrumentation separately, so one module can be loaded more than once in a process; anything kept
// in a module-level variable would then exist twice (a cache forgotten in one copy, stale in the other).
// processState keeps it on globalThis under one name instead.

const shared = globalThis as unknown as { controlRoomState?: Map<string, unknown> };
const states = (shared.controlRoomState ??= new Map<string, unknown>());

export function processState<State>(name: string, create: () => State): State {
  if (!states.has(name)) states.set(name, create());
  return states.get(name) as State;
}

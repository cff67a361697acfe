import { processState } from "./process-state";

// The one cache mechanism: values read from the database, kept in this process for ttlMs, forgotten
// when a domain event says they changed (the owning domain subscribes in its subscriptions.ts and calls
// forget), with the TTL as the safety net for a notification lost while a listener reconnects.
// - Concurrent misses of one key share one load; a failed load is never kept.
// - keep(value) decides what is worth keeping (e.g. only agent principals, never unknown keys).
// - A load that started before a forget() is not kept: it may have read what the change replaced.

export type CacheOptions<Value> = {
  // Names the cache's process-wide state (processState): every copy of the module shares it.
  name: string;
  ttlMs: number;
  maxEntries?: number;
  keep?: (value: Value) => boolean;
};

export type Cache<Value> = {
  get(key: string, load: () => Promise<Value>, now?: number): Promise<Value>;
  // One key, or everything when no key is given.
  forget(key?: string): void;
};

type Entry<Value> = { value: Promise<Value>; loadedAt: number };
type State<Value> = { entries: Map<string, Entry<Value>>; generation: number };

export function cache<Value>({ name, ttlMs, maxEntries = 10_000, keep = () => true }: CacheOptions<Value>): Cache<Value> {
  const state = processState<State<Value>>(`cache:${name}`, () => ({ entries: new Map(), generation: 0 }));
  return {
    get(key, load, now = Date.now()) {
      const cached = state.entries.get(key);
      if (cached && now - cached.loadedAt < ttlMs) return cached.value;
      if (cached) state.entries.delete(key);
      const generation = state.generation;
      const value = load();
      const entry: Entry<Value> = { value, loadedAt: now };
      if (state.entries.size >= maxEntries) state.entries.clear();
      state.entries.set(key, entry);
      const drop = () => {
        if (state.entries.get(key) === entry) state.entries.delete(key);
      };
      value.then(
        (loaded) => {
          if (generation !== state.generation || !keep(loaded)) drop();
        },
        drop,
      );
      return value;
    },
    forget(key) {
      state.generation += 1;
      if (key === undefined) state.entries.clear();
      else state.entries.delete(key);
    },
  };
}

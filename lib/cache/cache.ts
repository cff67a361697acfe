import { processState } from "./process-state";

// The one cache mechanism: values read from the database, kept in this process for ttlMs, forgotten
// when a domain event says they changed (the owning domain subscribes in its subscriptions.ts and calls
// forget), with the TTL as the safety net for a notification lost while a listener reconnects.
// - Concurrent misses of one key share one load; a failed load is never kept.
// - keep(value) decides what is worth keeping (e.g. only agent principals, never unknown keys).
// - A load that started before a forget() is not kept: it may have read what the change replaced.
// - Refresh ahead: a value read late in its TTL (from a point drawn between 60% and 90% of it, so values
//   loaded together are not all reloaded together) is reloaded in the background while callers keep
//   getting it: a busy key never makes its callers wait for the database (a hot path's calls queued
//   behind one reload came out together as a burst of slow answers: bench/guard.ts's tail windows, 5 s
//   apart). The TTL still bounds staleness: a refreshed value counts from when its reload began, and a
//   failed refresh leaves the value to expire as before.

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

type Entry<Value> = { value: Promise<Value>; loadedAt: number; refreshAt: number; loaded: boolean; refreshing: boolean };
const refreshPoint = (loadedAt: number, ttlMs: number) => loadedAt + ttlMs * (0.6 + 0.3 * Math.random());
type State<Value> = { entries: Map<string, Entry<Value>>; generation: number };

export function cache<Value>({ name, ttlMs, maxEntries = 10_000, keep = () => true }: CacheOptions<Value>): Cache<Value> {
  const state = processState<State<Value>>(`cache:${name}`, () => ({ entries: new Map(), generation: 0 }));
  // The stale entry is replaced only by what its refresh read, and only if nothing was forgotten
  // meanwhile; a value keep() refuses (a key revoked, an agent gone) removes it at once.
  function refresh(key: string, stale: Entry<Value>, load: () => Promise<Value>, now: number) {
    stale.refreshing = true;
    const generation = state.generation;
    // A load that throws before its promise exists fails the refresh alone, never the caller's get.
    Promise.resolve().then(load).then(
      (loaded) => {
        if (state.entries.get(key) !== stale || generation !== state.generation) return;
        if (keep(loaded)) state.entries.set(key, { value: Promise.resolve(loaded), loadedAt: now, refreshAt: refreshPoint(now, ttlMs), loaded: true, refreshing: false });
        else state.entries.delete(key);
      },
      () => {},
    );
  }

  return {
    get(key, load, now = Date.now()) {
      const cached = state.entries.get(key);
      if (cached && now - cached.loadedAt < ttlMs) {
        if (cached.loaded && !cached.refreshing && now >= cached.refreshAt) refresh(key, cached, load, now);
        return cached.value;
      }
      if (cached) state.entries.delete(key);
      const generation = state.generation;
      const value = load();
      const entry: Entry<Value> = { value, loadedAt: now, refreshAt: refreshPoint(now, ttlMs), loaded: false, refreshing: false };
      if (state.entries.size >= maxEntries) state.entries.clear();
      state.entries.set(key, entry);
      const drop = () => {
        if (state.entries.get(key) === entry) state.entries.delete(key);
      };
      value.then(
        (loaded) => {
          entry.loaded = true;
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

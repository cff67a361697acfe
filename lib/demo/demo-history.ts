// The claims agent's past (issue 12, "The demo fleet"): when each of its versions went to production,
// how many tasks it ran while it was live, and the seeded series of those tasks. The seed backdates
// the release history to these times (backdate-history.ts) and the backfill sends the tasks through
// the OTLP endpoint (backfill-history.ts), so a fresh demo opens on a drift story: v1–v3 approve about
// 85% of the claims, v4's knowledge-base update (claims guidelines 2026-03) about 91%.
//
// Drift monitoring reads an agent's tasks in the order they were stored and freezes its baseline on
// the first 1,000 (or 7 days of them): v1 runs 1,100 tasks over 3 days, so the baseline is all v1;
// v2 and v3 add 1,900 more at the same rate (no alarm); v4's 1,500 carry the step the detector finds
// (a median of ~575 tasks after the change, p90 ~1,000). demo-history.test.ts replays this exact series
// through the rate detector.

export const DEMO_HISTORY_AGENT = "claims-agent";
// Chosen among seeds whose series alarms 300–600 tasks into v4 with its estimated change point within a few
// dozen tasks of v4's first (demo-history.test.ts checks it), so the alert names v4 as the likely cause.
export const DEMO_HISTORY_SEED = 31;

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export type HistoryRelease = { label: string; agoMs: number; tasks: number };

// Before the seed's time ("now" on the first start), newest last.
export const demoHistoryReleases: readonly HistoryRelease[] = [
  { label: "v1", agoMs: 10 * DAY, tasks: 1100 },
  { label: "v2", agoMs: 7 * DAY, tasks: 950 },
  { label: "v3", agoMs: 4 * DAY, tasks: 950 },
  { label: "v4", agoMs: 3 * HOUR, tasks: 1500 },
];

// Tasks begin a few minutes after a deployment and the last one ends before the seed's time.
const SETTLE_MS = 5 * 60_000;
const TAIL_MS = 2 * 60_000;

export type HistoryTask = { index: number; at: number; label: string; roll: number };

// Each release's tasks spread evenly (with jitter) from its deployment to the next one, oldest first;
// roll ∈ [0, 1) picks the task's outcome (claims-outcomes.ts). Deterministic for a seed.
export function demoHistoryPlan(
  releases: readonly { label: string; at: number; tasks: number }[],
  end: number,
  seed = DEMO_HISTORY_SEED,
): HistoryTask[] {
  const random = seededRandom(seed);
  const tasks: HistoryTask[] = [];
  releases.forEach((release, i) => {
    const from = release.at + SETTLE_MS;
    const to = (i + 1 < releases.length ? releases[i + 1].at : end) - TAIL_MS;
    const slot = Math.max(0, to - from) / Math.max(1, release.tasks);
    for (let n = 0; n < release.tasks; n++) {
      const at = Math.round(from + (n + random() * 0.8) * slot);
      tasks.push({ index: tasks.length, at, label: release.label, roll: random() });
    }
  });
  return tasks;
}

// The releases placed before `seededAt` (the seed's time), with their task counts.
export function demoHistoryReleasesAt(seededAt: number, releases: readonly HistoryRelease[] = demoHistoryReleases) {
  return releases.map((release) => ({ label: release.label, at: seededAt - release.agoMs, tasks: release.tasks }));
}

// The seed's time, read back from a backdated history: v4 went to production `agoMs` before it.
export function seededAtFrom(lastReleaseAt: number, releases: readonly HistoryRelease[] = demoHistoryReleases): number {
  return lastReleaseAt + releases[releases.length - 1].agoMs;
}

// mulberry32: small, fast and good enough for a demo's dice; the same seed gives the same series.
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

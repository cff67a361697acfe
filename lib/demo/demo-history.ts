// The claims agent's past (issue 12, "The demo fleet"): when each of its versions went to production,
// how many tasks it ran while it was live, and the seeded series of those tasks. The seed backdates
// the release history to these times (backdate-history.ts) and the backfill sends the tasks through
// the OTLP endpoint (backfill-history.ts), so a fresh demo opens on a drift story: v1–v3 approve about
// 85% of the claims, v4's knowledge-base update (claims guidelines 2026-03) about 91%.
//
// Drift monitoring reads an agent's tasks in the order they were stored and freezes its baseline on
// the first 1,000 (or 7 days of them): v1 runs 1,100 tasks over 3 days, so the baseline is all v1;
// v2 and v3 add 1,900 more at the same rate (no alarm); v4's 1,500 carry the step the detector finds
// (a median of ~575 tasks after the change, p90 ~1,000; this series: 414). demo-history.test.ts
// replays the exact series through the rate detector.
import { seededRandom } from "../random/seeded-random";


export const DEMO_HISTORY_AGENT = "claims-agent";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

// When each version went to production, before the seed's time ("now" on the first start), oldest first.
export const demoHistoryReleases: readonly { label: string; agoMs: number }[] = [
  { label: "v1", agoMs: 10 * DAY },
  { label: "v2", agoMs: 7 * DAY },
  { label: "v3", agoMs: 4 * DAY },
  { label: "v4", agoMs: 3 * HOUR },
];

// How many tasks each version ran, and the seed of their dice. "full" is the demo's; "small"
// (CONTROLROOM_DEMO_HISTORY=small, the e2e servers) keeps the story — a v1-only baseline, the alarm
// during v4 — in 40% of the tasks. Each seed was chosen among those whose series alarms once, 250–600
// tasks into v4, with its estimated change point within a few dozen tasks after v4's first (checked
// by demo-history.test.ts), so the alert names v4 as the likely cause; with other seeds the change
// point can land weeks early, in v2 or v3.
export type HistorySize = "full" | "small";
export const demoHistorySizes: Record<HistorySize, { seed: number; tasks: Record<string, number> }> = {
  full: { seed: 2270, tasks: { v1: 1100, v2: 950, v3: 950, v4: 1500 } },
  small: { seed: 26, tasks: { v1: 1000, v2: 100, v3: 100, v4: 700 } },
};

export const historySizeFrom = (env: Record<string, string | undefined> = process.env): HistorySize =>
  env.CONTROLROOM_DEMO_HISTORY?.trim().toLowerCase() === "small" ? "small" : "full";

export const plannedTasks = (size: HistorySize) => Object.values(demoHistorySizes[size].tasks).reduce((sum, n) => sum + n, 0);

// Tasks begin a few minutes after a deployment and the last one ends before the seed's time.
const SETTLE_MS = 5 * 60_000;
const TAIL_MS = 2 * 60_000;

export type HistoryTask = { index: number; at: number; label: string; roll: number };

// Each release's tasks spread evenly (with jitter) from its deployment to the next one, oldest first;
// roll ∈ [0, 1) picks the task's outcome (claims-outcomes.ts). Deterministic for a seed.
export function demoHistoryPlan(
  releases: readonly { label: string; at: number; tasks: number }[],
  end: number,
  seed: number,
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
export function demoHistoryReleasesAt(seededAt: number, size: HistorySize = "full") {
  return demoHistoryReleases.map((release) => ({ label: release.label, at: seededAt - release.agoMs, tasks: demoHistorySizes[size].tasks[release.label] }));
}

// The seed's time, read back from a backdated history: v4 went to production `agoMs` before it.
export const seededAtFrom = (lastReleaseAt: number) => lastReleaseAt + demoHistoryReleases[demoHistoryReleases.length - 1].agoMs;

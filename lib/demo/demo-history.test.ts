import { describe, expect, it } from "vitest";
import { createRateDetector } from "../drift/rate-detector";
import { claimOutcome } from "../simulator/scenarios/claims-outcomes";
import { plannedBundle } from "./demo-versions";
import { DEMO_HISTORY_AGENT, demoHistoryPlan, demoHistoryReleasesAt, demoHistorySizes, plannedTasks, type HistorySize } from "./demo-history";

const seededAt = Date.UTC(2026, 11, 6, 10, 0, 0);
const rate = (flags: boolean[]) => flags.filter(Boolean).length / flags.length;
const BASELINE_N = 1000;

describe.each(["full", "small"] as HistorySize[])("the demo's claims history (%s)", (size) => {
  const releases = demoHistoryReleasesAt(seededAt, size);
  const plan = demoHistoryPlan(releases, seededAt, demoHistorySizes[size].seed);
  const approved = plan.map((task) => claimOutcome({ knowledgeBase: plannedBundle(DEMO_HISTORY_AGENT, task.label).knowledgeBase ?? null }, task.roll) === "approved");

  it("is deterministic, chronological and inside each version's time in production", () => {
    expect(demoHistoryPlan(releases, seededAt, demoHistorySizes[size].seed)).toEqual(plan);
    expect(plan).toHaveLength(plannedTasks(size));
    for (let i = 1; i < plan.length; i++) expect(plan[i].at).toBeGreaterThan(plan[i - 1].at);
    releases.forEach((release, i) => {
      const tasks = plan.filter((task) => task.label === release.label);
      expect(tasks).toHaveLength(release.tasks);
      expect(tasks[0].at).toBeGreaterThan(release.at);
      expect(tasks.at(-1)!.at).toBeLessThan(releases[i + 1]?.at ?? seededAt);
    });
  });

  it("approves about 85% under v1–v3 and about 91% under v4", () => {
    const v4 = plan.findIndex((task) => task.label === "v4");
    expect(rate(approved.slice(0, v4))).toBeGreaterThan(0.83);
    expect(rate(approved.slice(0, v4))).toBeLessThan(0.87);
    expect(rate(approved.slice(v4))).toBeGreaterThan(0.89);
    expect(rate(approved.slice(v4))).toBeLessThan(0.93);
  });

  it("gives a v1-only baseline, no alarm before v4 and one alarm well inside v4's tasks", () => {
    const v4 = plan.findIndex((task) => task.label === "v4");
    expect(plan.slice(0, BASELINE_N).every((task) => task.label === "v1")).toBe(true);
    // The baseline also stops at 7 days of tasks: the first 1,000 span less than that.
    expect(plan[BASELINE_N - 1].at - plan[0].at).toBeLessThan(7 * 24 * 3600_000);
    const detector = createRateDetector({ baselineRate: rate(approved.slice(0, BASELINE_N)), baselineN: BASELINE_N });
    const detections = [];
    for (let i = BASELINE_N; i < plan.length; i++) {
      const detection = detector.update(approved[i]);
      if (detection) detections.push({ ...detection, at: i, changePointAt: detection.changePointAt + BASELINE_N });
    }
    // One alarm: drift monitoring that reads the whole history at once reports the one the story needs.
    expect(detections).toHaveLength(1);
    const first = detections[0];
    expect(first.direction).toBe("up");
    expect(first.at).toBeGreaterThanOrEqual(v4);
    // Early enough that most of v4's tasks come after it (the chart shows the step, then the new level).
    expect(first.at - v4).toBeLessThan(800);
    // The estimated change point is v4's start (give or take a few dozen tasks): the alert's likely
    // cause is v4's knowledge-base update, not v3.
    expect(first.changePointAt - v4).toBeGreaterThanOrEqual(0);
    expect(first.changePointAt - v4).toBeLessThan(50);
    console.log(`${size}: baseline ${rate(approved.slice(0, BASELINE_N)).toFixed(3)}; detected at task ${first.at} (${first.at - v4} into v4, change point ${first.changePointAt - v4}); detections ${detections.length}`);
  });
});

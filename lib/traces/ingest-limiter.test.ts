import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { CALM_INTERVALS_TO_GROW, createLimiter, limiterOptionsFromEnv, nextLimit, yieldOptionsFromEnv, yieldToGuard } from "./ingest-limiter";

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
};

describe("ingest limiter", () => {
  it("runs up to `concurrency` tasks, queues a few, and refuses the rest with 429 + Retry-After", async () => {
    const limiter = createLimiter({ concurrency: 2, maxQueue: 1, maxWaitMs: 10_000 });
    const gate = deferred();
    const running = [limiter.run(() => gate.promise), limiter.run(() => gate.promise)];
    const queued = limiter.run(async () => "queued ran");
    expect(limiter.stats()).toMatchObject({ active: 2, queued: 1 });
    const refused = await limiter.run(async () => "never").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "rate_limited", status: 429, retryAfterSeconds: 1 });
    gate.resolve();
    await Promise.all(running);
    expect(await queued).toBe("queued ran");
    expect(limiter.stats()).toMatchObject({ active: 0, queued: 0 });
  });

  it("gives up on a queued task after maxWaitMs with 503 + Retry-After, and frees its place", async () => {
    const limiter = createLimiter({ concurrency: 1, maxQueue: 4, maxWaitMs: 20 });
    const gate = deferred();
    const running = limiter.run(() => gate.promise);
    const waited = await limiter.run(async () => "late").catch((error: unknown) => error);
    expect(waited).toMatchObject({ code: "unavailable", status: 503, retryAfterSeconds: 2 });
    expect(limiter.stats().queued).toBe(0);
    gate.resolve();
    await running;
  });

  it("releases the slot when a task throws", async () => {
    const limiter = createLimiter({ concurrency: 1, maxQueue: 0, maxWaitMs: 10 });
    await expect(limiter.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limiter.run(async () => 1)).toBe(1);
  });

  it("runs fewer batches at once after setLimit, and starts waiting ones when the limit grows again", async () => {
    const limiter = createLimiter({ concurrency: 3, maxQueue: 8, maxWaitMs: 10_000 });
    limiter.setLimit(1);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, index) => limiter.run(async () => {
      started.push(index);
      await gate.promise;
    }));
    await Promise.resolve();
    expect(started).toEqual([0]);
    expect(limiter.stats()).toMatchObject({ active: 1, queued: 2, limit: 1 });
    limiter.setLimit(3);
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates.forEach((gate) => gate.resolve());
    await Promise.all(runs);
    expect(limiter.stats()).toMatchObject({ active: 0, queued: 0 });
  });

  it("lets running batches finish when the limit shrinks, then admits only up to the new limit", async () => {
    const limiter = createLimiter({ concurrency: 2, maxQueue: 4, maxWaitMs: 10_000 });
    const gates = [deferred(), deferred()];
    const running = gates.map((gate) => limiter.run(() => gate.promise));
    const third = deferred();
    let thirdStarted = false;
    const queued = limiter.run(async () => {
      thirdStarted = true;
      await third.promise;
    });
    limiter.setLimit(1);
    gates[0].resolve();
    await running[0];
    expect(thirdStarted).toBe(false); // one still runs: that is the limit
    gates[1].resolve();
    await running[1];
    await Promise.resolve();
    expect(thirdStarted).toBe(true);
    third.resolve();
    await queued;
  });

  it("drops to one batch at a time when the guard's statements are slow, and grows back by one after calm intervals", () => {
    const full = { limit: 4, calm: 0 };
    expect(nextLimit(full, 4, [1, 2, 3, 1, 2, 1, 1, 2, 1, 80], 20)).toEqual({ limit: 4, calm: 1 }); // one slow statement in ten: p90 is fine
    expect(nextLimit(full, 4, [1, 2, 3, 1, 2, 1, 1, 2, 60, 80], 20)).toEqual({ limit: 1, calm: 0 });
    let step = { limit: 1, calm: 0 };
    const limits: number[] = [];
    for (let interval = 0; interval < 2 * CALM_INTERVALS_TO_GROW; interval++) {
      step = nextLimit(step, 4, interval % 2 ? [] : [1, 2], 20); // fast statements, or no guard traffic at all
      limits.push(step.limit);
    }
    expect(limits).toEqual([...Array(CALM_INTERVALS_TO_GROW - 1).fill(1), 2, ...Array(CALM_INTERVALS_TO_GROW - 1).fill(2), 3]);
    expect(nextLimit({ limit: 4, calm: CALM_INTERVALS_TO_GROW - 1 }, 4, [], 20).limit).toBe(4); // never above concurrency
  });

  it("sheds with 429 + Retry-After once it yields to a slow guard", async () => {
    const limiter = createLimiter({ concurrency: 4, maxQueue: 1, maxWaitMs: 10_000 });
    expect(yieldToGuard(limiter, 20)(Array(10).fill(150))).toBe(1);
    const gate = deferred();
    const running = limiter.run(() => gate.promise);
    const queued = limiter.run(async () => "queued ran");
    const refused = await limiter.run(async () => "never").catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "rate_limited", status: 429, retryAfterSeconds: 1 });
    gate.resolve();
    await running;
    expect(await queued).toBe("queued ran");
  });

  it("reads CONTROLROOM_INGEST_GUARD_TARGET_MS", () => {
    expect(yieldOptionsFromEnv({}).targetMs).toBe(20);
    expect(yieldOptionsFromEnv({ CONTROLROOM_INGEST_GUARD_TARGET_MS: "50" }).targetMs).toBe(50);
  });

  it("reads CONTROLROOM_INGEST_CONCURRENCY, with a queue four times as long by default", () => {
    expect(limiterOptionsFromEnv({})).toEqual({ concurrency: 4, maxQueue: 16, maxWaitMs: 3000 });
    expect(limiterOptionsFromEnv({ CONTROLROOM_INGEST_CONCURRENCY: "2", CONTROLROOM_INGEST_QUEUE: "3" })).toMatchObject({ concurrency: 2, maxQueue: 3 });
    expect(limiterOptionsFromEnv({ CONTROLROOM_INGEST_CONCURRENCY: "zero" }).concurrency).toBe(4);
  });
});

import { describe, expect, it } from "vitest";
import { AppError } from "../http/errors";
import { createLimiter, limiterOptionsFromEnv } from "./ingest-limiter";

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

  it("reads CONTROLROOM_INGEST_CONCURRENCY, with a queue four times as long by default", () => {
    expect(limiterOptionsFromEnv({})).toEqual({ concurrency: 4, maxQueue: 16, maxWaitMs: 3000 });
    expect(limiterOptionsFromEnv({ CONTROLROOM_INGEST_CONCURRENCY: "2", CONTROLROOM_INGEST_QUEUE: "3" })).toMatchObject({ concurrency: 2, maxQueue: 3 });
    expect(limiterOptionsFromEnv({ CONTROLROOM_INGEST_CONCURRENCY: "zero" }).concurrency).toBe(4);
  });
});

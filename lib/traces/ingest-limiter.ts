import { AppError } from "../http/errors";

// Backpressure for ingest: at most `concurrency` batches are decoded and written at once, a few more
// wait in a short queue, and anything beyond is told to come back (429, or 503 after waiting too
// long) with Retry-After. OTLP exporters retry those, so a burst slows senders down instead of
// piling up memory or database connections — and no span is accepted that is then dropped.

export type LimiterOptions = { concurrency: number; maxQueue: number; maxWaitMs: number };

export type Limiter = {
  run<T>(task: () => Promise<T>): Promise<T>;
  stats(): { active: number; queued: number; options: LimiterOptions };
};

type Waiter = { start: () => void; timer: ReturnType<typeof setTimeout> };

export function createLimiter(options: LimiterOptions): Limiter {
  let active = 0;
  const queue: Waiter[] = [];

  const release = () => {
    const next = queue.shift();
    if (next) {
      clearTimeout(next.timer);
      next.start(); // the slot passes straight to the next waiter
    } else {
      active--;
    }
  };

  const acquire = (): Promise<void> => {
    if (active < options.concurrency) {
      active++;
      return Promise.resolve();
    }
    if (queue.length >= options.maxQueue) {
      return Promise.reject(
        new AppError("rate_limited", `Ingest is at capacity (${active} batches in progress, ${queue.length} waiting); retry shortly`, {
          retryAfterSeconds: 1,
        }),
      );
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        start: resolve,
        timer: setTimeout(() => {
          queue.splice(queue.indexOf(waiter), 1);
          reject(
            new AppError("unavailable", `Ingest could not start this batch within ${options.maxWaitMs} ms; the database is behind`, {
              retryAfterSeconds: 2,
            }),
          );
        }, options.maxWaitMs),
      };
      queue.push(waiter);
    });
  };

  return {
    async run(task) {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
    stats: () => ({ active, queued: queue.length, options }),
  };
}

function positiveInt(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : fallback;
}

export function limiterOptionsFromEnv(env: Record<string, string | undefined> = process.env): LimiterOptions {
  const concurrency = positiveInt(env.CONTROLROOM_INGEST_CONCURRENCY, 4);
  return {
    concurrency,
    maxQueue: positiveInt(env.CONTROLROOM_INGEST_QUEUE, concurrency * 4),
    maxWaitMs: positiveInt(env.CONTROLROOM_INGEST_MAX_WAIT_MS, 3000),
  };
}

// One limiter per process (kept on globalThis so dev-server reloads do not multiply it).
const holder = globalThis as unknown as { controlRoomIngestLimiter?: Limiter };

export function ingestLimiter(): Limiter {
  holder.controlRoomIngestLimiter ??= createLimiter(limiterOptionsFromEnv());
  return holder.controlRoomIngestLimiter;
}

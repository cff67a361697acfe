import { takeHotStatementTimes } from "../db/sql";
import { AppError } from "../errors/app-error";
import { countIngestRefusal } from "../metrics/record";
import { processState } from "../cache/process-state";

// Backpressure for ingest: at most `limit` batches are read, decoded and written at once, a few more
// wait in a short queue (unread), and anything beyond is told to come back (429, or 503 after waiting
// too long) with Retry-After. OTLP exporters retry those, so a burst slows senders down instead of
// piling up memory or database connections — and no span is accepted that is then dropped.
//
// Ingest yields to the guard: agents wait on every guard call, exporters can wait for their batches.
// Every `intervalMs` the limit follows the guard's database statements in that time (lib/db/sql.ts,
// which includes waiting for a connection and for the event loop): when their p90 is above `targetMs`,
// ingest drops to one batch at a time; after CALM_INTERVALS_TO_GROW calm intervals in a row the limit
// grows back by one, up to `concurrency`.

export type LimiterOptions = { concurrency: number; maxQueue: number; maxWaitMs: number };
export type YieldOptions = { targetMs: number; intervalMs: number };

export type Limiter = {
  run<T>(task: () => Promise<T>): Promise<T>;
  setLimit(limit: number): void; // batches at once from now on, 1…concurrency
  stats(): { active: number; queued: number; limit: number; options: LimiterOptions };
};

type Waiter = { start: () => void; timer: ReturnType<typeof setTimeout> };

export function createLimiter(options: LimiterOptions): Limiter {
  let active = 0;
  let limit = options.concurrency;
  const queue: Waiter[] = [];

  const startNext = () => {
    const next = queue.shift()!;
    clearTimeout(next.timer);
    next.start();
  };

  const release = () => {
    if (queue.length && active <= limit) startNext(); // the slot passes straight to the next waiter
    else active--;
  };

  const acquire = (): Promise<void> => {
    if (active < limit) {
      active++;
      return Promise.resolve();
    }
    if (queue.length >= options.maxQueue) {
      countIngestRefusal(429);
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
          countIngestRefusal(503);
          reject(
            new AppError("unavailable", `Ingest could not start this batch within ${options.maxWaitMs} ms; the server is busy`, {
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
    setLimit(next) {
      limit = Math.min(options.concurrency, Math.max(1, Math.floor(next)));
      while (active < limit && queue.length) {
        active++;
        startNext();
      }
    },
    stats: () => ({ active, queued: queue.length, limit, options }),
  };
}

// Calm intervals in a row before the limit grows by one: it drops at once and comes back slowly, so
// ingest does not swing back to full speed on the first quiet moment.
export const CALM_INTERVALS_TO_GROW = 5;

export type LimitStep = { limit: number; calm: number };

// The next limit from the guard's statement times (ms) of the last interval.
export function nextLimit(current: LimitStep, concurrency: number, guardTimes: number[], targetMs: number): LimitStep {
  if (guardTimes.length && p90(guardTimes) > targetMs) return { limit: 1, calm: 0 };
  if (current.calm + 1 < CALM_INTERVALS_TO_GROW) return { limit: current.limit, calm: current.calm + 1 };
  return { limit: Math.min(concurrency, current.limit + 1), calm: 0 };
}

function p90(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.9) - 1];
}

// Yielding to the guard, one interval at a time: each call reads the guard's times since the last one
// and sets the limiter's limit; it returns the new limit.
export function yieldToGuard(limiter: Limiter, targetMs: number): (guardTimes?: number[]) => number {
  let step: LimitStep = { limit: limiter.stats().limit, calm: 0 };
  return (guardTimes = takeHotStatementTimes()) => {
    step = nextLimit(step, limiter.stats().options.concurrency, guardTimes, targetMs);
    limiter.setLimit(step.limit);
    return step.limit;
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

export function yieldOptionsFromEnv(env: Record<string, string | undefined> = process.env): YieldOptions {
  return { targetMs: positiveInt(env.CONTROLROOM_INGEST_GUARD_TARGET_MS, 20), intervalMs: 200 };
}

// One limiter per process (processState: Next's module copies and dev-server reloads must not multiply
// it), yielding to the guard from the moment it exists.
const holder = processState<{ limiter?: Limiter }>("ingest:limiter", () => ({}));

// The limiter if ingest has started (for GET /metrics): never creates it.
export const currentIngestLimiter = (): Limiter | undefined => holder.limiter;

export function ingestLimiter(): Limiter {
  if (!holder.limiter) {
    const limiter = createLimiter(limiterOptionsFromEnv());
    const { targetMs, intervalMs } = yieldOptionsFromEnv();
    const step = yieldToGuard(limiter, targetMs);
    setInterval(() => step(), intervalMs).unref();
    holder.limiter = limiter;
  }
  return holder.limiter;
}

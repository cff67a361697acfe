import { processState } from "../cache/process-state";
import { AppError } from "../errors/app-error";

// Token bucket per API key, in this process: CONTROLROOM_RATE_LIMIT requests/s sustained with bursts
// of twice that. (Per replica; a shared limit across replicas would move to Postgres or Redis.)
type Bucket = { tokens: number; updatedAt: number };

// One per process (processState): Next may load this module more than once, and two copies would each
// grant a full burst.
const buckets = processState("rate-limit-buckets", () => new Map<string, Bucket>());
const MAX_BUCKETS = 50_000;

export function rateLimitPerSecond(): number {
  const configured = Number(process.env.CONTROLROOM_RATE_LIMIT);
  return Number.isFinite(configured) && configured > 0 ? configured : 200;
}

export function takeToken(key: string, now = Date.now(), ratePerSecond = rateLimitPerSecond()): void {
  // At least one whole token, or a rate below 0.5/s would refuse every request.
  const capacity = Math.max(1, ratePerSecond * 2);
  let bucket = buckets.get(key);
  if (!bucket) {
    if (buckets.size >= MAX_BUCKETS) buckets.clear();
    bucket = { tokens: capacity, updatedAt: now };
    buckets.set(key, bucket);
  }
  bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * ratePerSecond);
  bucket.updatedAt = now;
  if (bucket.tokens < 1) {
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerSecond));
    throw new AppError("rate_limited", `Rate limit of ${ratePerSecond} requests/s for this API key exceeded`, { retryAfterSeconds });
  }
  bucket.tokens -= 1;
}

export const resetRateLimits = () => buckets.clear();

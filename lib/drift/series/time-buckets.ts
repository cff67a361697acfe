import { AppError } from "../../errors/app-error";

// The time range a drift chart covers and the bucket size its points are computed at.
//
// Default range: the last 7 days, or since the agent's baseline started if that is longer, never more
// than 90 days. Buckets are the smallest step of BUCKET_STEPS that keeps the chart at most MAX_BUCKETS
// points (an hour for a week: 168 points; 15 minutes for a day; 12 hours for 90 days), aligned on
// multiples of the step since the Unix epoch (UTC), so a bucket's start does not move between refreshes.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEFAULT_RANGE_MS = 7 * DAY;
export const MAX_DEFAULT_RANGE_MS = 90 * DAY;
// A range asked for explicitly may be longer (a year at most): its buckets get coarser.
export const MAX_RANGE_MS = 366 * DAY;
export const MAX_BUCKETS = 180;
export const BUCKET_STEPS = [5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY] as const;

export type SeriesRange = { from: Date; to: Date };

export function resolveRange(options: { from?: string | Date; to?: string | Date }, baselineStartedAt: Date | null, now: Date = new Date()): SeriesRange {
  const to = options.to ? new Date(options.to) : now;
  let from: Date;
  if (options.from) from = new Date(options.from);
  else {
    const sinceBaseline = baselineStartedAt ? to.getTime() - baselineStartedAt.getTime() : 0;
    from = new Date(to.getTime() - Math.min(Math.max(DEFAULT_RANGE_MS, sinceBaseline), MAX_DEFAULT_RANGE_MS));
  }
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new AppError("bad_request", "from and to must be ISO 8601 times");
  if (from.getTime() >= to.getTime()) throw new AppError("bad_request", "from must be before to");
  if (to.getTime() - from.getTime() > MAX_RANGE_MS) throw new AppError("bad_request", "A drift chart covers at most 366 days: narrow from–to");
  return { from, to };
}

export function bucketStepMs(range: SeriesRange): number {
  const span = range.to.getTime() - range.from.getTime();
  return BUCKET_STEPS.find((step) => Math.ceil(span / step) <= MAX_BUCKETS) ?? BUCKET_STEPS[BUCKET_STEPS.length - 1];
}

/** Bucket indexes (start = index × step since the epoch) from the one holding `from` to the one holding the last instant before `to`. */
export function bucketIndexes(range: SeriesRange, stepMs: number): number[] {
  const first = Math.floor(range.from.getTime() / stepMs);
  const last = Math.floor((range.to.getTime() - 1) / stepMs);
  return Array.from({ length: last - first + 1 }, (_, offset) => first + offset);
}

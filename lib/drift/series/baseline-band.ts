import { bucketFloor, resampledThreshold, type Counts } from "../distribution-drift";
import type { MetricKind } from "../metrics";

// The band drawn around a drift chart's baseline value: where a bucket of typical size would fall 95%
// of the time if nothing had changed. "Typical size" is m, the median number of observations (tasks,
// guard decisions or tool calls) of the chart's non-empty buckets: a bucket's mean of m draws from the
// baseline spreads by sd/√m, so the band is narrow for busy agents and wide for quiet ones, and a point
// outside it is unusual for a bucket of its size, not a detection (the monitors decide that).
//   rates:       p ± 1.96·√(p(1−p)/m), clipped to [0, 1]
//   values:      mean ± 1.96·sd/√m (sd of the baseline's per-task samples)
//   tool mix:    0 to the resampled 99.9% threshold of the Jensen–Shannon distance for a window of m calls
//                (m rounded down to the detector's 2^(1/4) grid, so the monitors' cached thresholds serve)
export type Band = { value: number | null; low: number | null; high: number | null };

const Z = 1.96;

export function medianBucketSize(sizes: readonly number[]): number | null {
  const nonEmpty = sizes.filter((n) => n > 0).sort((a, b) => a - b);
  if (nonEmpty.length === 0) return null;
  const middle = Math.floor(nonEmpty.length / 2);
  return nonEmpty.length % 2 ? nonEmpty[middle] : (nonEmpty[middle - 1] + nonEmpty[middle]) / 2;
}

export function rateBand(p: number, m: number): Band {
  const half = Z * Math.sqrt((p * (1 - p)) / m);
  return { value: p, low: Math.max(0, p - half), high: Math.min(1, p + half) };
}

export function valueBand(samples: readonly number[], m: number): Band {
  if (samples.length === 0) return { value: null, low: null, high: null };
  const mean = samples.reduce((sum, x) => sum + x, 0) / samples.length;
  const variance = samples.length > 1 ? samples.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (samples.length - 1) : 0;
  const half = (Z * Math.sqrt(variance)) / Math.sqrt(m);
  return { value: mean, low: Math.max(0, mean - half), high: mean + half };
}

export function toolMixBand(baselineTools: Counts, m: number): Band {
  const calls = Object.values(baselineTools).reduce((sum, n) => sum + n, 0);
  if (calls === 0) return { value: null, low: null, high: null };
  return { value: 0, low: 0, high: resampledThreshold(baselineTools, bucketFloor(Math.max(1, Math.round(m)))) };
}

export function baselineBand(kind: MetricKind, input: { value: number | null; samples?: readonly number[]; tools?: Counts }, m: number | null): Band {
  if (input.value === null) return { value: null, low: null, high: null };
  if (m === null) return { value: input.value, low: null, high: null };
  if (kind === "rate") return rateBand(input.value, m);
  if (kind === "distribution") return toolMixBand(input.tools ?? {}, m);
  return valueBand(input.samples ?? [], m);
}

// Sequential drift detection for a rate (an outcome's rate, the error rate, guard deny / hold rates)
// against its deploy-time baseline: one task at a time, a success or not.
//
// PARAMETERS_PLACEHOLDER

export type RateDirection = "up" | "down";

export type RateDetectorParams = {
  /** The baseline's observed rate, successes / baselineN. */
  baselineRate: number;
  /** Tasks the baseline rate was measured over; its standard error sets the safety margin. */
  baselineN: number;
  /** Safety margin in baseline standard errors between the baseline rate and each CUSUM's reference. */
  margin?: number;
  /** Shifts the CUSUMs are tuned to, in log-odds, applied both up and down from the references. */
  shifts?: readonly number[];
  /** Alarm threshold h on the log-likelihood-ratio CUSUM statistics (one for all of them). */
  threshold?: number;
};

export type RateDetection = {
  /** 0-based index of the task whose outcome crossed the threshold. */
  at: number;
  /** Estimated change point: the first task after the alarming CUSUM was last zero. */
  changePointAt: number;
  direction: RateDirection;
  /** The alarming CUSUM's statistic (≥ threshold). */
  statistic: number;
  threshold: number;
  /** Observed rate over the tasks from changePointAt to at. */
  currentRate: number;
  /** The rate the alarming CUSUM was tuned to detect. */
  tunedRate: number;
};

type CusumState = { statistic: number; runStart: number; runSuccesses: number };

export type RateDetectorState = {
  kind: "rate-cusum";
  version: 1;
  params: Required<RateDetectorParams>;
  /** Tasks seen so far; the next task's index. */
  tasks: number;
  detections: number;
  cusums: CusumState[];
};

export type RateDetector = {
  update(success: boolean): RateDetection | null;
  state(): RateDetectorState;
};

export const defaultRateMargin = 0.5;
export const defaultRateShifts: readonly number[] = [0.6];
export const defaultRateThreshold = 10;

type Cusum = CusumState & { direction: RateDirection; tunedRate: number; onSuccess: number; onFailure: number };

export function createRateDetector(params: RateDetectorParams): RateDetector {
  const full = completeParams(params);
  return detectorFrom(full, 0, 0, null);
}

export function restoreRateDetector(state: RateDetectorState): RateDetector {
  if (state?.kind !== "rate-cusum" || state.version !== 1) throw new RangeError("not a rate detector state (version 1)");
  const full = completeParams(state.params);
  if (state.cusums.length !== referenceCusums(full).length) throw new RangeError("rate detector state does not match its parameters");
  return detectorFrom(full, state.tasks, state.detections, state.cusums);
}

/** Standard error of the baseline rate, with the rate kept off 0 and 1 so it never vanishes. */
export function baselineStandardError(rate: number, n: number): number {
  const kept = Math.min(Math.max(rate, 0.5 / n), 1 - 0.5 / n);
  return Math.sqrt((kept * (1 - kept)) / n);
}

function completeParams(params: RateDetectorParams): Required<RateDetectorParams> {
  const { baselineRate, baselineN } = params;
  const margin = params.margin ?? defaultRateMargin;
  const shifts = [...(params.shifts ?? defaultRateShifts)];
  const threshold = params.threshold ?? defaultRateThreshold;
  if (!(baselineRate >= 0 && baselineRate <= 1)) throw new RangeError(`baselineRate must be in [0, 1], got ${baselineRate}`);
  if (!(Number.isInteger(baselineN) && baselineN >= 1)) throw new RangeError(`baselineN must be a positive integer, got ${baselineN}`);
  if (!(margin >= 0)) throw new RangeError(`margin must be ≥ 0, got ${margin}`);
  if (shifts.length === 0 || !shifts.every((shift) => shift > 0)) throw new RangeError("shifts must be positive log-odds");
  if (!(threshold > 0)) throw new RangeError(`threshold must be positive, got ${threshold}`);
  return { baselineRate, baselineN, margin, shifts, threshold };
}

const logit = (p: number) => Math.log(p / (1 - p));
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

// For each direction the reference rate p0 is the baseline moved by `margin` standard errors towards
// that direction (what a stable stream could plausibly be, given the baseline's own error), and each
// CUSUM tests p0 against p1 = logistic(logit(p0) ± shift): per task it adds ln(p1/p0) for a success,
// ln((1−p1)/(1−p0)) otherwise, and is floored at 0.
function referenceCusums(params: Required<RateDetectorParams>): Omit<Cusum, keyof CusumState>[] {
  const error = baselineStandardError(params.baselineRate, params.baselineN);
  const floor = 0.5 / params.baselineN;
  const clamp = (p: number) => Math.min(Math.max(p, floor), 1 - floor);
  const cusums: Omit<Cusum, keyof CusumState>[] = [];
  for (const direction of ["up", "down"] as const) {
    const sign = direction === "up" ? 1 : -1;
    const reference = clamp(params.baselineRate + sign * params.margin * error);
    for (const shift of params.shifts) {
      const tuned = logistic(logit(reference) + sign * shift);
      cusums.push({
        direction,
        tunedRate: tuned,
        onSuccess: Math.log(tuned / reference),
        onFailure: Math.log((1 - tuned) / (1 - reference)),
      });
    }
  }
  return cusums;
}

function detectorFrom(params: Required<RateDetectorParams>, startTasks: number, startDetections: number, saved: CusumState[] | null): RateDetector {
  const cusums: Cusum[] = referenceCusums(params).map((reference, i) => ({
    ...reference,
    statistic: saved?.[i].statistic ?? 0,
    runStart: saved?.[i].runStart ?? startTasks,
    runSuccesses: saved?.[i].runSuccesses ?? 0,
  }));
  let tasks = startTasks;
  let detections = startDetections;
  const threshold = params.threshold;

  function update(success: boolean): RateDetection | null {
    const at = tasks++;
    let alarming: Cusum | null = null;
    for (const cusum of cusums) {
      const next = cusum.statistic + (success ? cusum.onSuccess : cusum.onFailure);
      if (next <= 0) {
        // Back at zero: a run that might end in an alarm starts with the next task.
        cusum.statistic = 0;
        cusum.runStart = tasks;
        cusum.runSuccesses = 0;
        continue;
      }
      cusum.statistic = next;
      if (success) cusum.runSuccesses++;
      if (next >= threshold && (alarming === null || next > alarming.statistic)) alarming = cusum;
    }
    if (alarming === null) return null;
    const runLength = tasks - alarming.runStart;
    const detection: RateDetection = {
      at,
      changePointAt: alarming.runStart,
      direction: alarming.direction,
      statistic: alarming.statistic,
      threshold,
      currentRate: runLength > 0 ? alarming.runSuccesses / runLength : Number.NaN,
      tunedRate: alarming.tunedRate,
    };
    // Monitoring restarts from zero after an alarm: the alert stays open (deduplicated) until a person
    // acts, and a restarted statistic neither re-fires at once nor hides a second, later change.
    detections++;
    for (const cusum of cusums) Object.assign(cusum, { statistic: 0, runStart: tasks, runSuccesses: 0 });
    return detection;
  }

  function state(): RateDetectorState {
    return {
      kind: "rate-cusum",
      version: 1,
      params: { ...params, shifts: [...params.shifts] },
      tasks,
      detections,
      cusums: cusums.map(({ statistic, runStart, runSuccesses }) => ({ statistic, runStart, runSuccesses })),
    };
  }

  return { update, state };
}

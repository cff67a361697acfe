// Sequential drift detection for a rate (an outcome's rate, the error rate, guard deny / hold rates)
// against its deploy-time baseline: one task at a time, a success or not.
//
// The statistic: two Bernoulli CUSUMs (Page 1954; per task the log-likelihood ratio of a shifted rate
// against the reference, floored at 0), one watching for a rise and one for a fall, with one
// threshold h. Each is the optimal detector for the shift it is tuned to (Lorden; Moustakides) and
// stays close to optimal for shifts from about half to twice that size. The estimated change point of
// a detection is the first task after the alarming CUSUM was last zero. After an alarm every CUSUM
// restarts at zero.
//
// The baseline's own error. The baseline rate is measured over N tasks (1,000 by default in
// production), so it is off by one standard error SE = √(p(1−p)/N) — 1.1 points at 85% — about one
// time in three. A CUSUM referenced to the raw baseline treats that error as drift: a stream that
// truly runs at 85% against a baseline that read 83% looks like a 2-point rise and alarms again and
// again. The false alarms under continuous monitoring are dominated by such misread baselines, not by
// the CUSUM's own randomness. Two defences, both measured by bench/drift.ts over baselines estimated
// from 1,000 simulated tasks:
//   - margin: each direction's reference is the baseline moved 0.5 SE towards that direction
//     (p0↑ = p̂ + 0.5·SE, p0↓ = p̂ − 0.5·SE), a conservative p0;
//   - shift sizes: small tuned shifts are where a misread baseline hurts most. With N = 1,000, a
//     3-point change (85 → 88%) is only 2.7 SE from the baseline: no detector can tell it reliably from
//     baseline error at ≤ 1 false alarm per 100,000 tasks. Adding CUSUMs tuned to ±0.3 log-odds
//     (±3 points) and ±1.0 gave 1.3–3.0 false alarms per 100,000 tasks (table below) and still took a
//     median of 2,500–4,300 tasks for 85 → 88%; ones tuned to ±1.0–1.2 (±10 points) beside ±0.5–0.6
//     added false alarms spread over all streams and slowed 85 → 91% at equal false alarms. So the
//     default is one CUSUM per direction, tuned to ±0.6 in log-odds: 85 → 91% and 85 → 75.7%
//     (at 50%: ±15 points; at 5%: +3.8 / −2.2 points), which still catches larger shifts fast.
//
// Tuning (300 stable streams × 100,000 tasks, 1,000 shifted runs, baseline estimated per run; false
// alarms per 100,000 stable tasks / median delay for 85 → 91%):
//   margin 0.5, ±0.6,       h = 10:   0.46 / 588   ← default
//   margin 0.25, ±0.6,      h = 10.5: 0.59 / 570
//   margin 0.5, ±0.5,       h = 10:   0.55 / 620
//   margin 0.5, ±0.5 ±1.0,  h = 10.5: 0.63 / 617;  h = 11: 0.47 / 656
//   margin 0.5, ±0.6 ±1.2,  h = 10.5: 0.56 / 606
//   margin 1, ±0.3 ±0.6 ±1.0, h = 9:  1.27 / 579;  margin 0.5, h = 9: 3.02 / 489
// For comparison, the optimal single CUSUM that knows the exact 85% and the exact 91% (the notes'
// table): h = 10 gives 6.5% of streams a false alarm within 100,000 tasks and a median delay of 526.
// A larger baseline buys the smaller shifts: with N = 5,000, ±0.6 alone gives 0.20 / 522 (85 → 88%:
// median 3,789), and adding ±0.3 gives 0.31 / 522 with 85 → 88% at a median of 2,305 (p90 5,892), so an
// agent with that volume can pass shifts: [0.3, 0.6].
// A gate requiring the alarming run's own rate to differ from the baseline by 2–3.5 two-sample
// standard errors was tried and removed: the runs that reach h already pass it.
//
// The state is a few numbers per CUSUM (statistic, start of its run, successes in its run), so a
// server can store it in a row after each batch of tasks and resume with restoreRateDetector.

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
  /** The change point task's time, when update() was given times. */
  changePointTime?: number;
  direction: RateDirection;
  /** The alarming CUSUM's statistic (≥ threshold). */
  statistic: number;
  threshold: number;
  /** Observed rate over the tasks from changePointAt to at. */
  currentRate: number;
  /** The rate the alarming CUSUM was tuned to detect. */
  tunedRate: number;
};

// runStartAt: the time of the run's first task (when update() is given times), for a change point a
// person can read.
type CusumState = { statistic: number; runStart: number; runSuccesses: number; runStartAt?: number };

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
  /** One task; `at` (e.g. epoch ms) dates the change point of a detection. */
  update(success: boolean, at?: number): RateDetection | null;
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
    const unclamped = params.baselineRate + sign * params.margin * error;
    const reference = clamp(unclamped);
    // A baseline at (or within its error of) 0% cannot fall, nor one at 100% rise: a CUSUM referenced
    // to the clamped rate would creep up on every task of a stream that stays at 0% and alarm at last.
    const beyondEdge = direction === "down" ? unclamped <= floor : unclamped >= 1 - floor;
    for (const shift of params.shifts) {
      const tuned = logistic(logit(reference) + sign * shift);
      cusums.push({
        direction,
        tunedRate: tuned,
        onSuccess: beyondEdge ? 0 : Math.log(tuned / reference),
        onFailure: beyondEdge ? 0 : Math.log((1 - tuned) / (1 - reference)),
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
    runStartAt: saved?.[i].runStartAt,
  }));
  let tasks = startTasks;
  let detections = startDetections;
  const threshold = params.threshold;

  function update(success: boolean, time?: number): RateDetection | null {
    const at = tasks++;
    let alarming: Cusum | null = null;
    for (const cusum of cusums) {
      const next = cusum.statistic + (success ? cusum.onSuccess : cusum.onFailure);
      if (next <= 0) {
        // Back at zero: a run that might end in an alarm starts with the next task.
        cusum.statistic = 0;
        cusum.runStart = tasks;
        cusum.runSuccesses = 0;
        cusum.runStartAt = undefined;
        continue;
      }
      if (cusum.statistic === 0) cusum.runStartAt = time;
      cusum.statistic = next;
      if (success) cusum.runSuccesses++;
      if (next >= threshold && (alarming === null || next > alarming.statistic)) alarming = cusum;
    }
    if (alarming === null) return null;
    const runLength = tasks - alarming.runStart;
    const detection: RateDetection = {
      at,
      changePointAt: alarming.runStart,
      ...(alarming.runStartAt === undefined ? {} : { changePointTime: alarming.runStartAt }),
      direction: alarming.direction,
      statistic: alarming.statistic,
      threshold,
      currentRate: runLength > 0 ? alarming.runSuccesses / runLength : Number.NaN,
      tunedRate: alarming.tunedRate,
    };
    // Monitoring restarts from zero after an alarm: the alert stays open (deduplicated) until a person
    // acts, and a restarted statistic neither re-fires at once nor hides a second, later change.
    detections++;
    for (const cusum of cusums) Object.assign(cusum, { statistic: 0, runStart: tasks, runSuccesses: 0, runStartAt: undefined });
    return detection;
  }

  function state(): RateDetectorState {
    return {
      kind: "rate-cusum",
      version: 1,
      params: { ...params, shifts: [...params.shifts] },
      tasks,
      detections,
      cusums: cusums.map(({ statistic, runStart, runSuccesses, runStartAt }) =>
        runStartAt === undefined ? { statistic, runStart, runSuccesses } : { statistic, runStart, runSuccesses, runStartAt },
      ),
    };
  }

  return { update, state };
}

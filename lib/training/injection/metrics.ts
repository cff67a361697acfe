// Precision, recall, F1 and false-positive rate of the detector on labelled rows, per channel.

export type Confusion = { truePositive: number; falsePositive: number; trueNegative: number; falseNegative: number };
export type Metrics = Confusion & { rows: number; precision: number; recall: number; f1: number; falsePositiveRate: number };

export function emptyConfusion(): Confusion {
  return { truePositive: 0, falsePositive: 0, trueNegative: 0, falseNegative: 0 };
}

export function count(confusion: Confusion, actual: boolean, predicted: boolean): void {
  if (actual && predicted) confusion.truePositive++;
  else if (actual) confusion.falseNegative++;
  else if (predicted) confusion.falsePositive++;
  else confusion.trueNegative++;
}

export function metricsOf(confusion: Confusion): Metrics {
  const { truePositive: tp, falsePositive: fp, trueNegative: tn, falseNegative: fn } = confusion;
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const falsePositiveRate = fp + tn > 0 ? fp / (fp + tn) : 0;
  return { ...confusion, rows: tp + fp + tn + fn, precision, recall, f1, falsePositiveRate };
}

export function formatMetrics(name: string, metrics: Metrics): string {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(6);
  return [
    name.padEnd(10),
    `rows ${String(metrics.rows).padStart(4)}`,
    `precision ${pct(metrics.precision)}`,
    `recall ${pct(metrics.recall)}`,
    `F1 ${metrics.f1.toFixed(3)}`,
    `FPR ${pct(metrics.falsePositiveRate)} (${metrics.falsePositive}/${metrics.falsePositive + metrics.trueNegative})`,
  ].join("  ");
}

export type LabelledText = { text: string; label: "injection" | "benign"; channel: "user" | "tool" | "retrieval" };
export type Evaluation = { byChannel: Record<string, Metrics>; overall: Metrics; p50Ms: number; p99Ms: number };

/** Runs `detect` over the rows, timing each call (after a warm-up pass). */
export function evaluateDetector(rows: LabelledText[], detect: (row: LabelledText) => boolean): Evaluation {
  for (const row of rows.slice(0, 50)) detect(row);
  const confusions = new Map<string, Confusion>();
  const overall = emptyConfusion();
  const timings: number[] = [];
  for (const row of rows) {
    const started = performance.now();
    const predicted = detect(row);
    timings.push(performance.now() - started);
    const confusion = confusions.get(row.channel) ?? emptyConfusion();
    confusions.set(row.channel, confusion);
    count(confusion, row.label === "injection", predicted);
    count(overall, row.label === "injection", predicted);
  }
  timings.sort((a, b) => a - b);
  const percentile = (share: number) => timings[Math.min(timings.length - 1, Math.floor(timings.length * share))] ?? 0;
  const byChannel = Object.fromEntries([...confusions].sort().map(([channel, confusion]) => [channel, metricsOf(confusion)]));
  return { byChannel, overall: metricsOf(overall), p50Ms: percentile(0.5), p99Ms: percentile(0.99) };
}

export function formatEvaluation(title: string, evaluation: Evaluation): string {
  return [
    title,
    ...Object.entries(evaluation.byChannel).map(([channel, metrics]) => formatMetrics(channel, metrics)),
    formatMetrics("overall", evaluation.overall),
    `detection time per text: p50 ${evaluation.p50Ms.toFixed(3)} ms, p99 ${evaluation.p99Ms.toFixed(3)} ms`,
  ].join("\n");
}

// Pure: daily spend rows (day × group) → the series and per-day points the stacked chart draws.
export type DailySpendRow = { day: string; key: string; costUsd: number; tasks: number; unpricedSpans: number };

export type SpendSeries = {
  /** Stable chart key (s0, s1, …): group names may contain dots, which charting libraries read as paths. */
  key: string;
  /** The group's id (agent or team id, workflow name); null for the merged "Other" series. */
  id: string | null;
  label: string;
  costUsd: number;
  tasks: number;
  unpricedSpans: number;
};

export type SpendPoint = {
  day: string;
  totalUsd: number;
  tasks: number;
  unpricedSpans: number;
  /** Spend per series key; every series has a value (0 on days without spend). */
  values: Record<string, number>;
};

export type SpendChartData = { series: SpendSeries[]; points: SpendPoint[] };

export const MAX_SERIES = 8;

// The biggest groups get their own series; the rest are merged into one "Other" so the chart stays legible.
export function pivotSpend(
  rows: DailySpendRow[],
  days: string[],
  labelOf: (key: string) => string,
  maxSeries: number = MAX_SERIES,
): SpendChartData {
  const totals = new Map<string, { costUsd: number; tasks: number; unpricedSpans: number }>();
  for (const row of rows) {
    const total = totals.get(row.key) ?? { costUsd: 0, tasks: 0, unpricedSpans: 0 };
    total.costUsd += row.costUsd;
    total.tasks += row.tasks;
    total.unpricedSpans += row.unpricedSpans;
    totals.set(row.key, total);
  }
  const ranked = [...totals.entries()].sort(
    ([keyA, a], [keyB, b]) => b.costUsd - a.costUsd || b.tasks - a.tasks || labelOf(keyA).localeCompare(labelOf(keyB)),
  );
  const ownSeries = ranked.length > maxSeries ? ranked.slice(0, maxSeries - 1) : ranked;
  const merged = ranked.slice(ownSeries.length);

  const series: SpendSeries[] = ownSeries.map(([id, total], index) => ({ key: `s${index}`, id, label: labelOf(id), ...total }));
  const seriesKeyOf = new Map(series.map((entry) => [entry.id as string, entry.key]));
  if (merged.length > 0) {
    series.push({
      key: `s${series.length}`,
      id: null,
      label: `Other (${merged.length})`,
      costUsd: merged.reduce((sum, [, total]) => sum + total.costUsd, 0),
      tasks: merged.reduce((sum, [, total]) => sum + total.tasks, 0),
      unpricedSpans: merged.reduce((sum, [, total]) => sum + total.unpricedSpans, 0),
    });
  }
  const otherKey = merged.length > 0 ? series[series.length - 1].key : null;

  const points = new Map<string, SpendPoint>(
    days.map((day) => [day, { day, totalUsd: 0, tasks: 0, unpricedSpans: 0, values: Object.fromEntries(series.map((entry) => [entry.key, 0])) }]),
  );
  for (const row of rows) {
    const point = points.get(row.day);
    if (!point) continue;
    const key = seriesKeyOf.get(row.key) ?? otherKey;
    if (key) point.values[key] += row.costUsd;
    point.totalUsd += row.costUsd;
    point.tasks += row.tasks;
    point.unpricedSpans += row.unpricedSpans;
  }
  return { series, points: [...points.values()] };
}

"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { formatCount, formatUsd, formatUsdAxis } from "@/lib/costs/format";
import type { SpendChartData, SpendPoint, SpendSeries } from "@/lib/costs/pivot-spend";
import { UnpricedBadge } from "./cost-amount";

// Distinct hues, each at least 3:1 against the white surface (WCAG non-text contrast); "Other" is grey.
const palette = ["#3b4fd1", "#0f766e", "#b45309", "#be185d", "#7c3aed", "#15803d", "#0369a1", "#9f1239"];
const otherColour = "#6b7280";
const colourOf = (series: SpendSeries, index: number) => (series.id === null ? otherColour : palette[index % palette.length]);

const shortDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const longDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { weekday: "short", month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

export type SpendChartProps = { data: SpendChartData; groupLabel: string };

// Stacked daily spend (USD, UTC days) per group. The legend lists each group's total for the period, so
// the figures are readable without hovering; the tooltip gives a day's breakdown.
export function SpendChart({ data, groupLabel }: SpendChartProps) {
  const total = data.points.reduce((sum, point) => sum + point.totalUsd, 0);
  const first = data.points[0]?.day;
  const last = data.points[data.points.length - 1]?.day;
  return (
    <figure className="flex flex-col gap-2" data-testid="spend-chart">
      <figcaption className="sr-only">
        Daily spend in US dollars by {groupLabel} from {first} to {last} (UTC), {formatUsd(total)} in all. The legend lists each{" "}
        {groupLabel}&apos;s total.
      </figcaption>
      <div className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data.points} margin={{ top: 8, right: 8, bottom: 20, left: 16 }}>
            <CartesianGrid vertical={false} stroke="#dadee5" />
            <XAxis
              dataKey="day"
              tickFormatter={shortDay}
              tick={{ fontSize: 11, fill: "#4a5361" }}
              minTickGap={16}
              label={{ value: "Day (UTC)", position: "insideBottom", offset: -14, fontSize: 12, fill: "#4a5361" }}
            />
            <YAxis
              tickFormatter={formatUsdAxis}
              tick={{ fontSize: 11, fill: "#4a5361" }}
              width={64}
              label={{ value: "Spend (USD)", angle: -90, position: "insideLeft", offset: -8, fontSize: 12, fill: "#4a5361", style: { textAnchor: "middle" } }}
            />
            <Tooltip content={(props) => <SpendTooltip {...props} series={data.series} />} cursor={{ fill: "#eef0fd" }} />
            <Legend content={() => <SpendLegend series={data.series} />} verticalAlign="bottom" />
            {data.series.map((series, index) => (
              <Bar
                key={series.key}
                dataKey={(point: SpendPoint) => point.values[series.key] ?? 0}
                name={series.label}
                stackId="spend"
                fill={colourOf(series, index)}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

function SpendTooltip({ active, label, series, payload }: TooltipContentProps & { series: SpendSeries[] }) {
  const point = payload?.[0]?.payload as SpendPoint | undefined;
  if (!active || !point) return null;
  const spent = series.map((entry, index) => ({ entry, index, costUsd: point.values[entry.key] ?? 0 })).filter((row) => row.costUsd > 0);
  return (
    <div className="min-w-48 rounded-md border border-border bg-surface px-3 py-2 text-xs shadow-lg">
      <p className="mb-1 font-semibold text-fg">{longDay(String(label ?? point.day))}</p>
      <ul className="flex flex-col gap-0.5">
        {spent.reverse().map(({ entry, index, costUsd }) => (
          <li key={entry.key} className="flex items-center justify-between gap-3">
            <span className="flex items-center gap-1.5">
              <span aria-hidden="true" className="size-2 rounded-sm" style={{ backgroundColor: colourOf(entry, index) }} />
              {entry.label}
            </span>
            <span className="tabular-nums">{formatUsd(costUsd)}</span>
          </li>
        ))}
      </ul>
      <p className="mt-1 flex justify-between gap-3 border-t border-border pt-1 font-medium">
        <span>Total · {formatCount(point.tasks)} tasks</span>
        <span className="tabular-nums">{formatUsd(point.totalUsd)}</span>
      </p>
      {point.unpricedSpans > 0 ? <p className="mt-1 text-warn-fg">{formatCount(point.unpricedSpans)} unpriced spans (cost unknown)</p> : null}
    </div>
  );
}

function SpendLegend({ series }: { series: SpendSeries[] }) {
  return (
    <ul className="mt-3 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs" aria-label="Spend per group">
      {series.map((entry, index) => (
        <li key={entry.key} className="flex items-center gap-1.5">
          <span aria-hidden="true" className="size-2.5 rounded-sm" style={{ backgroundColor: colourOf(entry, index) }} />
          <span className="text-fg">{entry.label}</span>
          <span className="text-fg-muted tabular-nums">{formatUsd(entry.costUsd)}</span>
          {entry.unpricedSpans > 0 ? <UnpricedBadge count={entry.unpricedSpans} /> : null}
        </li>
      ))}
    </ul>
  );
}

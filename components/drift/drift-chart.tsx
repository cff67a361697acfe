"use client";

import { format } from "date-fns";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { bucketText, driftAxis, formatDriftValue, observationNoun } from "@/lib/drift/format";
import type { DriftSeriesData } from "@/lib/drift/queries";
import {
  annotationHref,
  annotationKinds,
  BASELINE_COLOUR,
  CHANGE_POINT_COLOUR,
  SERIES_COLOUR,
  shortLabel,
  type Annotation,
  type AnnotationKind,
} from "./annotation-style";

type Point = { t: number; value: number | null; n: number };

const time = (value: string | Date) => (value instanceof Date ? value.getTime() : Date.parse(value));
const HOUR = 3_600_000;

function median(values: number[]): number | null {
  const sorted = values.filter((n) => n > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export type DriftChartProps = { slug: string; series: DriftSeriesData };

// One drift metric over time (a point per time bucket) against its frozen baseline: the baseline value
// (dashed line) and band (shaded), the detector's change point (red line) and every change around the
// agent (version, knowledge base, rollback, policy, provider model) as labelled vertical lines. A change
// that is a version change opens the version diff when its label is clicked; the list under the chart
// has the same links for keyboards and screen readers.
export function DriftChart({ slug, series }: DriftChartProps) {
  const router = useRouter();
  const points: Point[] = series.points.map((point) => ({ t: time(point.at), value: point.value, n: point.n }));
  const bucketMs = points.length > 1 ? points[1].t - points[0].t : HOUR;
  const from = points[0]?.t ?? Date.now() - 7 * 24 * HOUR;
  const to = (points[points.length - 1]?.t ?? Date.now()) + bucketMs;
  const { baseline, unit } = series;
  const values = points.flatMap((point) => (point.value === null ? [] : [point.value]));
  const bounds = [...values, baseline.value, baseline.low, baseline.high].filter((value): value is number => value !== null && Number.isFinite(value));
  const axis = driftAxis(unit, series.label, Math.max(0, ...bounds));
  const domain = yDomain(bounds, unit);
  const yTicks = ticksOf(domain);
  const changePoint = series.changePointAt ? time(series.changePointAt) : null;
  const annotations = series.annotations.map((annotation) => ({ ...annotation, t: time(annotation.at) })).filter((annotation) => annotation.t >= from && annotation.t <= to);
  const kinds = [...new Set(annotations.map((annotation) => annotation.kind))];
  const clusters = clusterAnnotations(annotations, (to - from) * 0.015);
  const typical = median(points.map((point) => point.n));
  const longRange = to - from > 2 * 24 * HOUR;
  const tickFormat = (value: number) => format(new Date(value), longRange ? "MMM d" : "HH:mm");
  const ticks = timeTicks(from, to);
  const tasks = points.reduce((sum, point) => sum + point.n, 0);

  return (
    <figure className="flex flex-col gap-2" data-testid="drift-chart">
      <figcaption className="sr-only">
        {series.label} per {bucketText(bucketMs)} from {format(new Date(from), "PPp")} to {format(new Date(to), "PPp")}, over {observationNoun(series.metric, tasks)}; baseline{" "}
        {formatDriftValue(baseline.value, unit)}
        {changePoint ? `; change point ${format(new Date(changePoint), "PPp")}` : ""}; {annotations.length} changes, listed below the chart.
      </figcaption>
      <ChartLegend kinds={kinds} hasBaseline={baseline.value !== null} band={baseline.low === null ? null : unit === "distance" ? "Up to the resampled threshold (99.9%)" : "Baseline band (95%)"} hasChangePoint={changePoint !== null} />
      <div className="h-80 w-full" data-testid="drift-chart-plot">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 36, right: 24, bottom: 8, left: 8 }}>
            <CartesianGrid vertical={false} stroke="#dadee5" />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={[from, to]}
              ticks={ticks}
              tickFormatter={tickFormat}
              tick={{ fontSize: 11, fill: "#4a5361" }}
              minTickGap={24}
              height={40}
              label={{ value: `Time (local), per ${bucketText(bucketMs)}`, position: "insideBottom", offset: 0, fontSize: 11, fill: "#4a5361" }}
            />
            <YAxis
              domain={domain}
              ticks={yTicks}
              tickFormatter={axis.tick}
              tick={{ fontSize: 11, fill: "#4a5361" }}
              width={76}
              label={{ value: axis.title, angle: -90, position: "insideLeft", offset: 8, fontSize: 11, fill: "#4a5361", style: { textAnchor: "middle" } }}
            />
            {baseline.low !== null && baseline.high !== null ? (
              <ReferenceArea y1={baseline.low} y2={baseline.high} fill={BASELINE_COLOUR} fillOpacity={0.1} stroke="none" ifOverflow="hidden" />
            ) : null}
            {baseline.value !== null ? (
              <ReferenceLine
                y={baseline.value}
                stroke={BASELINE_COLOUR}
                strokeDasharray="6 4"
                strokeWidth={1.5}
                label={{ value: unit === "distance" ? "baseline mix" : `baseline ${formatDriftValue(baseline.value, unit)}`, position: "insideBottomRight", fontSize: 11, fill: BASELINE_COLOUR }}
              />
            ) : null}
            {clusters.map((cluster, index) => (
              <ReferenceLine
                key={`${cluster.t}-${index}`}
                x={cluster.t}
                stroke={annotationKinds[cluster.lead.kind].colour}
                strokeWidth={1.5}
                strokeDasharray="2 2"
                label={(props: { viewBox?: { x?: number; y?: number } }) => (
                  <AnnotationMark
                    viewBox={props.viewBox}
                    row={index % 2}
                    cluster={cluster}
                    alignEnd={cluster.t > from + (to - from) * 0.85}
                    onOpen={(href) => router.push(href)}
                    href={cluster.diffOf ? annotationHref(slug, cluster.diffOf) : null}
                  />
                )}
              />
            ))}
            {changePoint !== null ? (
              <ReferenceLine
                x={changePoint}
                stroke={CHANGE_POINT_COLOUR}
                strokeWidth={2}
                label={(props: { viewBox?: { x?: number; y?: number; height?: number } }) => (
                  <ChangePointMark viewBox={props.viewBox} alignEnd={changePoint > from + (to - from) * 0.85} />
                )}
              />
            ) : null}
            <Tooltip content={(props) => <DriftTooltip {...props} series={series} bucketMs={bucketMs} />} />
            <Line
              type="linear"
              dataKey="value"
              name={series.label}
              stroke={SERIES_COLOUR}
              strokeWidth={1.75}
              dot={values.length <= 40 ? { r: 2.5, fill: SERIES_COLOUR } : false}
              activeDot={{ r: 4 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      {baseline.low !== null && typical !== null ? (
        <p className="text-xs text-fg-muted">
          Shaded: where a {bucketText(bucketMs)} bucket of typical size ({observationNoun(series.metric, Math.round(typical))}) would fall{" "}
          {unit === "distance" ? "99.9% of the time (its distance from the baseline's mix, resampled)" : "95% of the time"} if nothing had changed since the baseline. A point
          outside it is unusual for its size; the monitor, not the band, decides what is drift.
        </p>
      ) : baseline.value === null ? (
        <p className="text-xs text-fg-muted">
          No baseline yet: it is collected from {series.metric.startsWith("online:") ? "the evaluator's first 200 scores" : "the first production tasks"}, then the value, band and change point appear here.
        </p>
      ) : null}
      <AnnotationList slug={slug} annotations={annotations} />
    </figure>
  );
}

// Ticks on whole local days (every k days for long ranges) or whole hours (every k hours), so each
// label names a different day or hour.
function timeTicks(from: number, to: number): number[] {
  const span = to - from;
  const ticks: number[] = [];
  if (span > 2 * 24 * HOUR) {
    const every = Math.max(1, Math.ceil(span / (24 * HOUR) / 10));
    const day = new Date(from);
    day.setHours(0, 0, 0, 0);
    if (day.getTime() < from) day.setDate(day.getDate() + 1);
    for (let index = 0; day.getTime() <= to; index++, day.setDate(day.getDate() + 1)) if (index % every === 0) ticks.push(day.getTime());
    return ticks;
  }
  const everyHours = [1, 2, 3, 6, 12].find((hours) => span / (hours * HOUR) <= 12) ?? 24;
  const hour = new Date(from);
  hour.setMinutes(0, 0, 0);
  if (hour.getTime() < from) hour.setHours(hour.getHours() + 1);
  for (; hour.getTime() <= to; hour.setHours(hour.getHours() + 1)) if (hour.getHours() % everyHours === 0) ticks.push(hour.getTime());
  return ticks;
}

function yDomain(bounds: number[], unit: DriftSeriesData["unit"]): [number, number] {
  if (bounds.length === 0) return unit === "fraction" ? [0, 1] : [0, 1];
  const low = Math.min(...bounds);
  const high = Math.max(...bounds);
  const pad = (high - low || Math.abs(high) || 1) * 0.15;
  let min = Math.max(0, low - pad);
  let max = high + pad;
  if (unit === "fraction") max = Math.min(1, max);
  if (unit === "distance") (min = 0, (max = Math.min(1, max)));
  // Round outwards to a tidy step so the ticks read well.
  const step = niceStep((max - min) / 5);
  min = Math.floor(min / step) * step;
  max = Math.ceil(max / step) * step;
  return [Math.max(0, min), max];
}

function ticksOf([min, max]: [number, number]): number[] {
  const step = niceStep((max - min) / 5);
  const ticks: number[] = [];
  for (let value = min; value <= max + step / 1e6; value += step) ticks.push(Number(value.toPrecision(12)));
  return ticks;
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

type Placed = Annotation & { t: number };
type Cluster = { t: number; members: Placed[]; lead: Placed; diffOf: Placed | null };

// Rollbacks and silent model changes matter most when changes sit on top of each other.
const weight: Record<AnnotationKind, number> = { rollback: 5, provider_model: 4, knowledge_base: 3, version: 2, policy: 1 };

// Changes closer together than `gap` (1.5% of the range) share one line: a deploy with its knowledge-base
// change, or a burst of promotions, would otherwise print their labels on top of each other. The list
// under the chart still names each one.
function clusterAnnotations(annotations: Placed[], gap: number): Cluster[] {
  const clusters: Cluster[] = [];
  for (const annotation of annotations) {
    const last = clusters[clusters.length - 1];
    if (last && annotation.t - last.t <= gap) last.members.push(annotation);
    else clusters.push({ t: annotation.t, members: [annotation], lead: annotation, diffOf: null });
  }
  for (const cluster of clusters) {
    cluster.lead = cluster.members.reduce((best, member) => (weight[member.kind] >= weight[best.kind] ? member : best));
    cluster.diffOf = cluster.lead.diff ? cluster.lead : ([...cluster.members].reverse().find((member) => member.diff) ?? null);
  }
  return clusters;
}

function clusterLabel(cluster: Cluster): string {
  if (cluster.members.length === 1) return shortLabel(cluster.lead);
  const heads = [...new Set(cluster.members.filter((member) => member.kind === "version" && member.diff).map((member) => member.diff!.head))];
  if (heads.length > 1 && (cluster.lead.kind === "version" || cluster.lead.kind === "knowledge_base")) {
    const kb = cluster.members.some((member) => member.kind === "knowledge_base");
    const others = cluster.members.filter((member) => member.kind !== "version" && member.kind !== "knowledge_base").length;
    return `${heads[0]}–${heads[heads.length - 1]}${kb ? " KB" : ""}${others ? ` +${others}` : ""}`;
  }
  return `${shortLabel(cluster.lead)} +${cluster.members.length - 1}`;
}

function AnnotationMark({
  viewBox,
  row,
  cluster,
  alignEnd,
  href,
  onOpen,
}: {
  viewBox?: { x?: number; y?: number };
  row: number;
  cluster: Cluster;
  alignEnd: boolean;
  href: string | null;
  onOpen: (href: string) => void;
}) {
  const x = viewBox?.x ?? 0;
  const y = (viewBox?.y ?? 0) - 22 + row * 12;
  const colour = annotationKinds[cluster.lead.kind].colour;
  const title = cluster.members.map((member) => `${member.label}: ${member.detail}`).join("\n");
  return (
    <g data-testid="drift-annotation-mark" data-kind={cluster.lead.kind} style={href ? { cursor: "pointer" } : undefined} onClick={href ? () => onOpen(href) : undefined} aria-hidden="true">
      <title>{`${title}${href ? "\n(click to open the version diff)" : ""}`}</title>
      <text x={alignEnd ? x - 3 : x + 3} y={y} textAnchor={alignEnd ? "end" : "start"} fontSize={11} fontWeight={600} fill={colour} textDecoration={href ? "underline" : undefined}>
        {clusterLabel(cluster)}
      </text>
    </g>
  );
}

function ChangePointMark({ viewBox, alignEnd }: { viewBox?: { x?: number; y?: number; height?: number }; alignEnd: boolean }) {
  const x = viewBox?.x ?? 0;
  const y = (viewBox?.y ?? 0) + (viewBox?.height ?? 0) - 6;
  return (
    <text x={alignEnd ? x - 4 : x + 4} y={y} textAnchor={alignEnd ? "end" : "start"} fontSize={11} fontWeight={600} fill={CHANGE_POINT_COLOUR} data-testid="drift-change-point">
      change point
    </text>
  );
}

function ChartLegend({ kinds, hasBaseline, band, hasChangePoint }: { kinds: AnnotationKind[]; hasBaseline: boolean; band: string | null; hasChangePoint: boolean }) {
  return (
    <ul className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-fg" aria-label="Chart legend">
      <li className="flex items-center gap-1.5">
        <span aria-hidden="true" className="h-0.5 w-4" style={{ backgroundColor: SERIES_COLOUR }} />
        Value per bucket
      </li>
      {hasBaseline ? (
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="w-4 border-t-2 border-dashed" style={{ borderColor: BASELINE_COLOUR }} />
          Baseline
        </li>
      ) : null}
      {band ? (
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="h-3 w-4 rounded-sm" style={{ backgroundColor: `${BASELINE_COLOUR}26` }} />
          {band}
        </li>
      ) : null}
      {hasChangePoint ? (
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="h-3 w-0.5" style={{ backgroundColor: CHANGE_POINT_COLOUR }} />
          Change point
        </li>
      ) : null}
      {kinds.map((kind) => (
        <li key={kind} className="flex items-center gap-1.5">
          <span aria-hidden="true" className="h-3 w-0 border-l-2 border-dotted" style={{ borderColor: annotationKinds[kind].colour }} />
          {annotationKinds[kind].name}
        </li>
      ))}
    </ul>
  );
}

function AnnotationList({ slug, annotations }: { slug: string; annotations: (Annotation & { t: number })[] }) {
  if (annotations.length === 0) return <p className="text-xs text-fg-muted">No version, knowledge-base, policy or provider-model changes and no rollbacks in this range.</p>;
  return (
    <section aria-labelledby="drift-changes-heading" className="mt-1">
      <h3 id="drift-changes-heading" className="mb-1 text-xs font-semibold text-fg">
        Changes in this range
      </h3>
      <ol className="flex flex-col gap-1 text-sm" data-testid="drift-annotations">
        {annotations.map((annotation, index) => {
          const href = annotationHref(slug, annotation);
          const style = annotationKinds[annotation.kind];
          return (
            <li key={`${annotation.kind}-${annotation.t}-${index}`} className="flex flex-wrap items-baseline gap-x-2" data-kind={annotation.kind}>
              <span aria-hidden="true" className="inline-block size-2 shrink-0 translate-y-[-1px] rounded-full" style={{ backgroundColor: style.colour }} />
              <time dateTime={new Date(annotation.t).toISOString()} className="text-xs text-fg-muted tabular-nums">
                {format(new Date(annotation.t), "MMM d, HH:mm")}
              </time>
              <span className="text-xs text-fg-muted">{style.name}</span>
              {href ? (
                <Link href={href} className="font-medium text-accent underline-offset-2 hover:underline">
                  {annotation.label}
                </Link>
              ) : (
                <span className="font-medium">{annotation.label}</span>
              )}
              <span className="text-xs text-fg-muted">{annotation.detail}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function DriftTooltip({ active, payload, series, bucketMs }: TooltipContentProps & { series: DriftSeriesData; bucketMs: number }) {
  const point = payload?.[0]?.payload as Point | undefined;
  if (!active || !point) return null;
  const start = new Date(point.t);
  const end = new Date(point.t + bucketMs);
  return (
    <div className="min-w-44 rounded-md border border-border bg-surface px-3 py-2 text-xs shadow-lg">
      <p className="mb-1 font-semibold text-fg">
        {format(start, "EEE, MMM d, HH:mm")}–{format(end, "HH:mm")}
      </p>
      <p className="flex justify-between gap-3">
        <span>{series.label}</span>
        <span className="font-medium tabular-nums">{point.n > 0 ? formatDriftValue(point.value, series.unit) : "no data"}</span>
      </p>
      <p className="flex justify-between gap-3 text-fg-muted">
        <span>Measured over</span>
        <span className="tabular-nums">{observationNoun(series.metric, point.n)}</span>
      </p>
      {series.baseline.value !== null ? (
        <p className="flex justify-between gap-3 text-fg-muted">
          <span>Baseline</span>
          <span className="tabular-nums">{formatDriftValue(series.baseline.value, series.unit)}</span>
        </p>
      ) : null}
    </div>
  );
}

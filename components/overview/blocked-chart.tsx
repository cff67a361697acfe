"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { BlockedHour } from "@/lib/guard/blocked-per-hour";

const compactCount = (value: number) => value.toLocaleString("en-US", { notation: "compact", maximumFractionDigits: 1 });

// Each at least 3:1 against the white surface; the legend and tooltip name them, never colour alone.
const DENIED_COLOUR = "#b91c1c";
const HELD_COLOUR = "#b45309";

const hourLabel = (hour: string) => new Date(hour).toLocaleTimeString("en-US", { hour: "2-digit", minute: "2-digit", hour12: false });
const hourRange = (hour: string) => {
  const start = new Date(hour);
  const end = new Date(start.getTime() + 3_600_000);
  const day = start.toLocaleDateString("en-US", { weekday: "short", month: "short", day: "numeric" });
  return `${day}, ${hourLabel(start.toISOString())}–${hourLabel(end.toISOString())}`;
};

// Denied and held actions per hour over the last day, stacked (local time; the last bar is the current hour).
export function BlockedChart({ hours }: { hours: BlockedHour[] }) {
  const denied = hours.reduce((sum, hour) => sum + hour.denied, 0);
  const held = hours.reduce((sum, hour) => sum + hour.held, 0);
  return (
    <figure className="flex flex-col rounded-lg border border-border bg-surface px-3 pt-3 pb-1" data-testid="blocked-chart">
      <figcaption className="px-1 text-xs font-medium text-fg-muted">
        Blocked per hour, last 24 h <span className="sr-only">: {denied} denied and {held} held for a reviewer in all.</span>
      </figcaption>
      <div className="h-48 w-full">
        <ResponsiveContainer width="100%" height="100%">
          {/* The axis titles get their own room (axis width/height beyond the ticks): a title inside a
              40 px axis sat on top of four-digit ticks. */}
          <BarChart data={hours} margin={{ top: 8, right: 8, bottom: 4, left: 4 }}>
            <CartesianGrid vertical={false} stroke="#dadee5" />
            <XAxis
              dataKey="hour"
              tickFormatter={hourLabel}
              tick={{ fontSize: 11, fill: "#4a5361" }}
              minTickGap={24}
              height={36}
              label={{ value: "Hour (local time)", position: "insideBottom", offset: 0, fontSize: 11, fill: "#4a5361" }}
            />
            <YAxis
              allowDecimals={false}
              tick={{ fontSize: 11, fill: "#4a5361" }}
              tickFormatter={compactCount}
              width={60}
              label={{ value: "Actions", angle: -90, position: "insideLeft", offset: 4, fontSize: 11, fill: "#4a5361", style: { textAnchor: "middle" } }}
            />
            <Tooltip content={(props) => <BlockedTooltip {...props} />} cursor={{ fill: "#eef0fd" }} />
            <Legend verticalAlign="top" align="right" height={20} iconType="square" iconSize={9} wrapperStyle={{ fontSize: 11 }} />
            <Bar dataKey="denied" name="Denied" stackId="blocked" fill={DENIED_COLOUR} isAnimationActive={false} />
            <Bar dataKey="held" name="Held for review" stackId="blocked" fill={HELD_COLOUR} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

function BlockedTooltip({ active, payload }: TooltipContentProps) {
  const point = payload?.[0]?.payload as BlockedHour | undefined;
  if (!active || !point) return null;
  return (
    <div className="min-w-40 rounded-md border border-border bg-surface px-3 py-2 text-xs shadow-lg">
      <p className="mb-1 font-semibold text-fg">{hourRange(point.hour)}</p>
      <p className="flex justify-between gap-3">
        <span>Denied</span>
        <span className="tabular-nums">{point.denied.toLocaleString("en-US")}</span>
      </p>
      <p className="flex justify-between gap-3">
        <span>Held for review</span>
        <span className="tabular-nums">{point.held.toLocaleString("en-US")}</span>
      </p>
    </div>
  );
}

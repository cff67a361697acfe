import { z } from "../zod";
import { timestamp } from "../http/schemas";

// The incident timeline's rows (DESIGN.md, "Drift, alerts, incidents"): pure shapes and helpers,
// shared by the server (incident-timeline.ts), the report and the page.
export const timelineKinds = [
  "alert",
  "version",
  "knowledge_base",
  "policy",
  "provider_model",
  "rollback",
  "decision",
  "approval",
  "acknowledged",
  "incident_opened",
  "resolved",
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export const timelineEntrySchema = z.object({
  at: timestamp,
  kind: z.enum(timelineKinds),
  summary: z.string(),
  // What the row points at: an alert, a version change (diff base → head), the guard decisions of a
  // period, one decision, an audit entry, the incident.
  ref: z
    .object({
      type: z.enum(["alert", "version", "decisions", "decision", "audit", "incident"]),
      id: z.string().optional(),
      href: z.string().optional(),
    })
    .nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

// Oldest first; rows at the same moment keep the order in which they were gathered (a version before
// the knowledge-base change it carried, the incident's resolution before its alert's).
export function sortTimeline(entries: TimelineEntry[]): TimelineEntry[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => new Date(a.entry.at).getTime() - new Date(b.entry.at).getTime() || a.index - b.index)
    .map(({ entry }) => entry);
}

export type DecisionCount = { at: Date; verdict: "deny" | "hold"; count: number };
export type DecisionBucket = { from: Date; to: Date; denied: number; held: number };

export const MAX_DECISION_ROWS = 48;
const HOUR = 3_600_000;

// Hourly deny/hold counts, merged into wider buckets (2 h, 3 h, …) until at most maxRows remain:
// thousands of decisions become a readable handful of rows with their counts.
export function bucketDecisions(counts: DecisionCount[], maxRows = MAX_DECISION_ROWS): DecisionBucket[] {
  if (counts.length === 0) return [];
  const hours = counts.map((count) => Math.floor(count.at.getTime() / HOUR));
  const first = Math.min(...hours);
  const distinct = new Set(hours).size;
  let width = 1;
  const rowsAt = (size: number) => new Set(hours.map((hour) => Math.floor((hour - first) / size))).size;
  if (distinct > maxRows) while (rowsAt(width) > maxRows) width += 1;
  const buckets = new Map<number, DecisionBucket>();
  counts.forEach((count, index) => {
    const slot = Math.floor((hours[index] - first) / width);
    const from = new Date((first + slot * width) * HOUR);
    const bucket = buckets.get(slot) ?? { from, to: new Date(from.getTime() + width * HOUR), denied: 0, held: 0 };
    if (count.verdict === "deny") bucket.denied += count.count;
    else bucket.held += count.count;
    buckets.set(slot, bucket);
  });
  return [...buckets.values()].sort((a, b) => a.from.getTime() - b.from.getTime());
}

export function describeDecisionBucket(bucket: DecisionBucket): string {
  const parts = [bucket.denied ? `${bucket.denied} denied` : null, bucket.held ? `${bucket.held} held for approval` : null].filter(Boolean);
  const hours = Math.round((bucket.to.getTime() - bucket.from.getTime()) / HOUR);
  return `Guard: ${parts.join(", ")} (${hours === 1 ? "in this hour" : `in these ${hours} h`})`;
}

// "3 h 12 min", "2 d 4 h", "45 s": a duration for people.
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

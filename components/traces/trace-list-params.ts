import { traceStatuses, type TraceStatus } from "@/lib/traces/schemas";

// The trace list's URL state, so a filtered view can be shared as a link. Time is a relative range
// ("last hour"), turned into `since` whenever the list is fetched, so a shared link stays live.
export const traceRanges = [
  { value: "15m", label: "Last 15 minutes", ms: 15 * 60_000 },
  { value: "1h", label: "Last hour", ms: 60 * 60_000 },
  { value: "6h", label: "Last 6 hours", ms: 6 * 60 * 60_000 },
  { value: "24h", label: "Last 24 hours", ms: 24 * 60 * 60_000 },
  { value: "7d", label: "Last 7 days", ms: 7 * 24 * 60 * 60_000 },
  { value: "30d", label: "Last 30 days", ms: 30 * 24 * 60 * 60_000 },
] as const;
export type TraceRange = (typeof traceRanges)[number]["value"];

export type TraceListParams = {
  agent?: string;
  status?: TraceStatus;
  range?: TraceRange;
  model?: string;
  minCost?: string;
  outcome?: string;
  hasError?: "true" | "false";
  session?: string;
};

export const TRACE_LIST_PAGE_SIZE = 50;

const filterKeys = ["agent", "status", "range", "model", "minCost", "outcome", "hasError", "session"] as const;

type RawParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

export function parseTraceListParams(raw: RawParams): TraceListParams & { cursor?: string } {
  const status = first(raw.status);
  const range = first(raw.range);
  const hasError = first(raw.hasError);
  const minCost = first(raw.minCost);
  return {
    agent: first(raw.agent)?.slice(0, 64),
    status: traceStatuses.includes(status as TraceStatus) ? (status as TraceStatus) : undefined,
    range: traceRanges.some((option) => option.value === range) ? (range as TraceRange) : undefined,
    model: first(raw.model)?.slice(0, 200),
    minCost: minCost !== undefined && Number.isFinite(Number(minCost)) && Number(minCost) >= 0 ? minCost : undefined,
    outcome: first(raw.outcome)?.slice(0, 200),
    hasError: hasError === "true" || hasError === "false" ? hasError : undefined,
    session: first(raw.session)?.slice(0, 256),
    cursor: first(raw.cursor)?.slice(0, 400),
  };
}

export const hasTraceFilters = (params: TraceListParams, fixed: (keyof TraceListParams)[] = []) =>
  filterKeys.some((key) => !fixed.includes(key) && params[key] !== undefined);

/** The filters only (what identifies the live query), as plain strings. */
export function filterRecord(params: TraceListParams): Record<string, string> {
  const record: Record<string, string> = {};
  for (const key of filterKeys) {
    const value = params[key];
    if (value !== undefined) record[key] = value;
  }
  return record;
}

/** The API query for these filters at `now`: the range becomes `since`. */
export function toApiQuery(params: TraceListParams, now: number, limit = TRACE_LIST_PAGE_SIZE): Record<string, string> {
  const { range, ...rest } = filterRecord(params);
  const query: Record<string, string> = { ...rest, limit: String(limit) };
  const window = traceRanges.find((option) => option.value === range);
  if (window) query.since = new Date(now - window.ms).toISOString();
  return query;
}

export function traceListHref(basePath: string, params: TraceListParams, cursor?: string, omit: (keyof TraceListParams)[] = []): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filterRecord(params))) if (!omit.includes(key as keyof TraceListParams)) search.set(key, value);
  if (cursor) search.set("cursor", cursor);
  const query = search.toString();
  return query ? `${basePath}?${query}` : basePath;
}

export const sessionHref = (sessionId: string, step?: number) =>
  `/sessions/${encodeURIComponent(sessionId)}${step ? `?step=${step}` : ""}`;

import { createLoader, createParser, createSerializer, parseAsInteger, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { definedOnly, parseAsText } from "@/components/ui/url-state";
import { traceStatuses, type TraceStatus } from "@/lib/traces/schemas";
import { DEFAULT_SORT_ORDER, DEFAULT_TRACE_SORT, sortOrders, traceSortKeys, type SortOrder, type TraceSortKey } from "@/lib/traces/trace-sort";

// The trace list's URL state, so a filtered, searched and sorted view can be shared as a link (and the
// back button walks through the views). Time is either a relative range ("last hour"), turned into
// `since` whenever the list is fetched so a shared link stays live, or a fixed from/to in UTC (which
// wins when set: a link to an incident's window shows that window to everyone, whatever their zone).
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
  version?: string;
  q?: string;
  from?: string;
  to?: string;
  sort?: TraceSortKey;
  order?: SortOrder;
};

export const TRACE_LIST_PAGE_SIZE = 50;

// The URL's parsers (nuqs): a value that does not parse is dropped, as if absent. Free text is trimmed
// and capped; an empty value counts as absent.
const nonNegativeAmount = createParser({
  parse: (value) => {
    const amount = value.trim();
    return amount !== "" && Number.isFinite(Number(amount)) && Number(amount) >= 0 ? amount : null;
  },
  serialize: (value: string) => value,
});

// A UTC date and time as a datetime-local field sends it (2026-12-06T10:30), seconds and a Z allowed.
const utcDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?$/;
const parseAsUtcDateTime = createParser({
  parse: (value) => {
    const text = value.trim();
    return utcDateTime.test(text) && !Number.isNaN(utcInstant(text).getTime()) ? text : null;
  },
  serialize: (value: string) => value,
});
const utcInstant = (value: string) => new Date(value.endsWith("Z") ? value : `${value}Z`);

const filterParsers = {
  agent: parseAsText(64),
  status: parseAsStringLiteral(traceStatuses),
  range: parseAsStringLiteral(traceRanges.map((option) => option.value)),
  model: parseAsText(200),
  minCost: nonNegativeAmount,
  outcome: parseAsText(200),
  hasError: parseAsStringLiteral(["true", "false"] as const),
  session: parseAsText(256),
  version: parseAsText(64),
  q: parseAsText(200),
  from: parseAsUtcDateTime,
  to: parseAsUtcDateTime,
};
const sortParsers = { sort: parseAsStringLiteral(traceSortKeys), order: parseAsStringLiteral(sortOrders) };
const pageParsers = { ...filterParsers, ...sortParsers, cursor: parseAsText(400) };
const filterKeys = Object.keys(filterParsers) as (keyof TraceListParams)[];
// What identifies the list's query: its filters and its order.
const listKeys = [...filterKeys, ...(Object.keys(sortParsers) as (keyof TraceListParams)[])];

const loadPage = createLoader(pageParsers);
const serializePage = createSerializer(pageParsers);

export function parseTraceListParams(raw: Record<string, string | string[] | undefined>): TraceListParams & { cursor?: string } {
  return definedOnly(loadPage(raw));
}

export const hasTraceFilters = (params: TraceListParams, fixed: (keyof TraceListParams)[] = []) =>
  filterKeys.some((key) => !fixed.includes(key) && params[key] !== undefined);

/** The filters and the order (what identifies the live query), as plain strings. */
export function filterRecord(params: TraceListParams): Record<string, string> {
  const record: Record<string, string> = {};
  for (const key of listKeys) {
    const value = params[key];
    if (value !== undefined) record[key] = value;
  }
  return record;
}

/** The API query for these filters at `now`: from/to become `since`/`until`, else the range becomes `since`. */
export function toApiQuery(params: TraceListParams, now: number, limit = TRACE_LIST_PAGE_SIZE): Record<string, string> {
  const { range, from, to, ...rest } = filterRecord(params);
  const query: Record<string, string> = { ...rest, limit: String(limit) };
  if (from || to) {
    if (from) query.since = utcInstant(from).toISOString();
    if (to) query.until = utcInstant(to).toISOString();
  } else {
    const window = traceRanges.find((option) => option.value === range);
    if (window) query.since = new Date(now - window.ms).toISOString();
  }
  return query;
}

export const isNewestFirst = (params: TraceListParams) =>
  (params.sort ?? DEFAULT_TRACE_SORT) === DEFAULT_TRACE_SORT && (params.order ?? DEFAULT_SORT_ORDER) === DEFAULT_SORT_ORDER;

/**
 * The params sorted by `key`: the column already sorted turns round; another starts highest (or newest)
 * first. The default order (newest first) leaves the URL.
 */
export function sortedBy(params: TraceListParams, key: TraceSortKey): TraceListParams {
  const current = params.sort ?? DEFAULT_TRACE_SORT;
  const order: SortOrder = current === key ? ((params.order ?? DEFAULT_SORT_ORDER) === "desc" ? "asc" : "desc") : "desc";
  const isDefault = key === DEFAULT_TRACE_SORT && order === DEFAULT_SORT_ORDER;
  return { ...params, sort: isDefault ? undefined : key, order: isDefault ? undefined : order };
}

export function traceListHref(basePath: string, params: TraceListParams, cursor?: string, omit: (keyof TraceListParams)[] = []): string {
  const filters = Object.fromEntries(Object.entries(filterRecord(params)).filter(([key]) => !omit.includes(key as keyof TraceListParams)));
  return serializePage(basePath, { ...(filters as TraceListParams), cursor: cursor ?? null });
}

// The trace and session pages' URL state, read in the browser (useQueryState) by TraceTimeline and
// SessionReplay: ?span=<span id> selects a span; ?step= stays in the URL even on step 1 (as links to a
// step have always had it).
export const spanParser = parseAsString;
export const stepParser = parseAsInteger.withDefault(1).withOptions({ clearOnDefault: false });
const serializeSpan = createSerializer({ span: spanParser });
const serializeStep = createSerializer({ step: stepParser });

export const traceHref = (traceId: string, spanId?: string) => serializeSpan(`/traces/${encodeURIComponent(traceId)}`, { span: spanId ?? null });
export const sessionHref = (sessionId: string, step?: number) => serializeStep(`/sessions/${encodeURIComponent(sessionId)}`, { step: step ?? null });

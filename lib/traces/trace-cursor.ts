import { AppError } from "../errors/app-error";
import { DEFAULT_SORT_ORDER, DEFAULT_TRACE_SORT, sortOrders, traceSortKeys, type SortOrder, type TraceSortKey } from "./trace-sort";

// The list's cursor: the last row's sort value and its trace id as the tie-breaker. Opaque to clients
// (base64url). A start time is kept at the database's microsecond precision (a JS Date keeps only
// milliseconds, and a rounded cursor would skip rows in the cut-off microseconds); a duration is exact
// seconds with six decimals, a cost the stored decimal, tokens an integer, all as the database printed them.
// Newest first keeps the cursor it always had ("<start>|<trace id>"), so links handed out before sorting
// existed still work; other orders name themselves ("<sort>.<order>|<value>|<trace id>") so a cursor
// is never read in an order it was not made for.
export type TraceCursor = { sort: TraceSortKey; order: SortOrder; value: string; traceId: string };

const microsecondIso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const decimal = /^-?\d{1,20}(\.\d{1,12})?$/;
const integer = /^-?\d{1,20}$/;
const valueFormat: Record<TraceSortKey, RegExp> = { startTime: microsecondIso, duration: decimal, cost: decimal, tokens: integer };

const isDefaultOrder = (sort: TraceSortKey, order: SortOrder) => sort === DEFAULT_TRACE_SORT && order === DEFAULT_SORT_ORDER;

export function encodeTraceCursor(cursor: TraceCursor): string {
  const text = isDefaultOrder(cursor.sort, cursor.order)
    ? `${cursor.value}|${cursor.traceId}`
    : `${cursor.sort}.${cursor.order}|${cursor.value}|${cursor.traceId}`;
  return Buffer.from(text, "utf8").toString("base64url");
}

function invalid(message = "not a cursor this server handed out"): AppError {
  return new AppError("validation_failed", `Invalid input — cursor: ${message}`, {
    details: { fieldErrors: { cursor: [message.charAt(0).toUpperCase() + message.slice(1)] }, formErrors: [] },
  });
}

function parse(text: string): TraceCursor | null {
  const first = text.indexOf("|");
  if (first < 0) return null;
  const head = text.slice(0, first);
  if (microsecondIso.test(head)) return { sort: DEFAULT_TRACE_SORT, order: DEFAULT_SORT_ORDER, value: head, traceId: text.slice(first + 1) };
  const [sort, order] = head.split(".") as [TraceSortKey, SortOrder];
  if (!traceSortKeys.includes(sort) || !sortOrders.includes(order)) return null;
  const second = text.indexOf("|", first + 1);
  if (second < 0) return null;
  return { sort, order, value: text.slice(first + 1, second), traceId: text.slice(second + 1) };
}

/** The cursor, checked to belong to this order of the list. */
export function decodeTraceCursor(raw: string, sort: TraceSortKey = DEFAULT_TRACE_SORT, order: SortOrder = DEFAULT_SORT_ORDER): TraceCursor {
  const cursor = parse(Buffer.from(raw, "base64url").toString("utf8"));
  if (!cursor || !valueFormat[cursor.sort].test(cursor.value) || cursor.traceId.length === 0 || cursor.traceId.length > 128) throw invalid();
  if (cursor.sort !== sort || cursor.order !== order) throw invalid("made for another sort order of the list");
  return cursor;
}

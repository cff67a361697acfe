// The orders the trace list can be read in (client-safe: the table's sortable headers use these).
// Newest first is the default; every other order pages with a cursor of its own (trace-cursor.ts).
export const traceSortKeys = ["startTime", "duration", "cost", "tokens"] as const;
export type TraceSortKey = (typeof traceSortKeys)[number];
export const sortOrders = ["asc", "desc"] as const;
export type SortOrder = (typeof sortOrders)[number];

export const DEFAULT_TRACE_SORT: TraceSortKey = "startTime";
export const DEFAULT_SORT_ORDER: SortOrder = "desc";

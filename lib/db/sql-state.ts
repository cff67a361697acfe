// The SQLSTATE of a failed statement, however it reached us: node-postgres puts it on the error
// (`code`, with `severity` beside it); Prisma's driver adapters wrap the driver's error in
// meta.driverAdapterError.cause (`originalCode`, or `code`). undefined when the error is not the database's.

type Loose = {
  code?: unknown;
  severity?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown; originalMessage?: unknown; message?: unknown } } };
  cause?: unknown;
};

const SQLSTATE = /^[0-9A-Z]{5}$/;

export function sqlStateOf(error: unknown, hops = 2): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const loose = error as Loose;
  const adapted = loose.meta?.driverAdapterError?.cause;
  const candidate = adapted ? (adapted.originalCode ?? adapted.code) : loose.severity !== undefined ? loose.code : undefined;
  if (typeof candidate === "string" && SQLSTATE.test(candidate)) return candidate;
  return hops > 0 ? sqlStateOf(loose.cause, hops - 1) : undefined;
}

// Input the database can never store as given, however often it is sent: a data exception (class 22:
// NUL or an invalid escape in text/jsonb, a value out of its type's range, a date it cannot hold) or a
// program limit (class 54: nesting too deep for its stack, an index entry too large).
export function isUnstorableInput(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== undefined && (state.startsWith("22") || state.startsWith("54"));
}

// The database's own words for a refused statement (not Prisma's wrapper, which quotes the query).
export function sqlMessageOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const loose = error as Loose;
  const adapted = loose.meta?.driverAdapterError?.cause;
  const message = adapted ? (adapted.originalMessage ?? adapted.message) : loose.message;
  return typeof message === "string" && message ? message : undefined;
}

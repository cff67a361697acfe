import { AppError } from "../errors/app-error";

// The list's cursor: the last row's start time at the database's microsecond precision (a JS Date
// keeps only milliseconds, and a rounded cursor would skip rows in the cut-off microseconds) and
// its trace id as the tie-breaker. Opaque to clients (base64url).
export type TraceCursor = { startTime: string; traceId: string };

const microsecondIso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeTraceCursor(cursor: TraceCursor): string {
  return Buffer.from(`${cursor.startTime}|${cursor.traceId}`, "utf8").toString("base64url");
}

export function decodeTraceCursor(raw: string): TraceCursor {
  const text = Buffer.from(raw, "base64url").toString("utf8");
  const separator = text.indexOf("|");
  const startTime = text.slice(0, separator);
  const traceId = text.slice(separator + 1);
  if (separator < 0 || !microsecondIso.test(startTime) || traceId.length === 0 || traceId.length > 128) {
    throw new AppError("validation_failed", "Invalid input — cursor: not a cursor this server handed out", {
      details: { fieldErrors: { cursor: ["Not a valid cursor"] }, formErrors: [] },
    });
  }
  return { startTime, traceId };
}

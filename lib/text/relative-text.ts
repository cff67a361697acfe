import { formatDistanceStrict } from "date-fns";

/** How long ago (or, with allowFuture, how far ahead) `dateMs` is, seen at `nowMs`. */
export function relativeText(dateMs: number, nowMs: number, allowFuture = false): string {
  const ageMs = nowMs - dateMs;
  // A moment just past can read as the future when the server's clock runs ahead of the browser's:
  // a past event is never "in 3 seconds", and anything within a few seconds of now is "just now".
  if (Math.abs(ageMs) < 5_000 || (ageMs < 0 && !allowFuture)) return "just now";
  return formatDistanceStrict(dateMs, nowMs, { addSuffix: true });
}

// How many traces in the latest newest-first page are newer than the one the user is looking at
// (the anchor: the top row they were shown). Used to say "3 new traces" instead of moving rows under
// the pointer. Pure and client-safe.
export function countNewTraces(latest: { traceId: string }[], anchorTraceId: string | null): { count: number; atLeast: boolean } {
  if (anchorTraceId === null) return { count: latest.length, atLeast: false };
  const index = latest.findIndex((trace) => trace.traceId === anchorTraceId);
  // The anchor fell off the first page: at least a page of new traces arrived.
  return index >= 0 ? { count: index, atLeast: false } : { count: latest.length, atLeast: latest.length > 0 };
}

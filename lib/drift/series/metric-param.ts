// A metric from a URL path segment. Next.js hands dynamic segments over still percent-encoded in some
// paths (route handlers) and decoded in others, and "outcome_rate:approved" is commonly sent as
// outcome_rate%3Aapproved: decode when it is encoded. Metric names never hold "%" themselves
// (lib/drift/metrics.ts), so decoding twice cannot change a real name.
export function metricParam(segment: string): string {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

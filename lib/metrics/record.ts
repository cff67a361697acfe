import { metrics } from "./registry";

// What other code calls to count. Each label set's child metric is resolved once and cached, so a call
// on a hot path (every guard decision) is a map lookup and an increment.

type Child = { inc(value?: number): void };
type Observer = { observe(value: number): void };

const counterChildren = new Map<string, Child>();
const histogramChildren = new Map<string, Observer>();

function child(key: string, make: () => Child): Child {
  let found = counterChildren.get(key);
  if (!found) counterChildren.set(key, (found = make()));
  return found;
}

// `route` is the declared template ("/api/v1/agents/[slug]"), never the concrete URL: one series per
// route, not one per agent or trace.
export function observeRequest({ route, method, status, seconds }: { route: string; method: string; status: number; seconds: number }): void {
  const metric = metrics();
  child(`http ${method} ${route} ${status}`, () => metric.httpRequests.labels(route, method, String(status))).inc();
  const key = `${method} ${route}`;
  let timer = histogramChildren.get(key);
  if (!timer) histogramChildren.set(key, (timer = metric.httpDuration.labels(route, method)));
  timer.observe(seconds);
}

export function countGuardDecision({ check, verdict }: { check: string; verdict: string }): void {
  child(`guard ${check} ${verdict}`, () => metrics().guardDecisions.labels(check, verdict)).inc();
}

export function countSpans({ stored, rejected }: { stored: number; rejected: number }): void {
  const metric = metrics();
  if (stored > 0) metric.spansIngested.inc(stored);
  if (rejected > 0) metric.spansRejected.inc(rejected);
}

export function countIngestRefusal(status: 429 | 503): void {
  child(`refusal ${status}`, () => metrics().ingestRefusals.labels(String(status))).inc();
}

export function countEventDelivery({ event, outcome }: { event: string; outcome: "ok" | "failed" }): void {
  child(`event ${event} ${outcome}`, () => metrics().eventDeliveries.labels(event, outcome)).inc();
}

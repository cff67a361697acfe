import { buildBatch, encodeBatch, rejectedSpans } from "./otlp-batch";

export type ClientTotals = {
  requests: number;
  spansSent: number; // spans the server accepted (HTTP 200), including warm-up
  spansRejected: number; // counted in partialSuccess.rejectedSpans
  spansLost: number; // gave up after retries or a non-retryable error
  measuredSpans: number; // accepted after the warm-up
  latenciesMs: number[]; // every attempt after the warm-up, retried ones included
  status429: number;
  status503: number;
  otherErrors: number;
  firstError?: string;
};

export const emptyTotals = (): ClientTotals => ({
  requests: 0,
  spansSent: 0,
  spansRejected: 0,
  spansLost: 0,
  measuredSpans: 0,
  latenciesMs: [],
  status429: 0,
  status503: 0,
  otherErrors: 0,
});

export function mergeTotals(all: ClientTotals[]): ClientTotals {
  const merged = emptyTotals();
  for (const totals of all) {
    for (const field of ["requests", "spansSent", "spansRejected", "spansLost", "measuredSpans", "status429", "status503", "otherErrors"] as const) merged[field] += totals[field];
    merged.latenciesMs.push(...totals.latenciesMs);
    merged.firstError ??= totals.firstError;
  }
  return merged;
}

// The OpenTelemetry exporters' retry policy: up to 5 retries of 429/502/503/504, honouring
// Retry-After, otherwise backing off from 1 s by ×1.5 (±20 % jitter, at most 5 s).
const MAX_RETRIES = 5;
const backoffMs = (attempt: number, retryAfter: string | null) => {
  const seconds = Number.parseInt(retryAfter ?? "", 10);
  if (Number.isInteger(seconds) && seconds > 0) return seconds * 1000;
  return Math.min(5000, 1000 * 1.5 ** attempt * (0.8 + Math.random() * 0.4));
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type ClientOptions = {
  url: string;
  key: string;
  agent: string;
  minSpans: number;
  maxSpans: number;
  measureFrom: number; // Date.now() after which requests count towards throughput and latency
  until: number; // no new batch starts after this
  nextBatch?: () => { body: Uint8Array<ArrayBuffer>; spanCount: number }; // default: a fresh batch from buildBatch
};

// One concurrent client: sends a batch, waits for the answer, sends the next, until `until`.
export async function runClient(options: ClientOptions, totals: ClientTotals): Promise<void> {
  while (Date.now() < options.until) {
    const { body, spanCount } = options.nextBatch?.() ?? freshBatch(options);
    await sendWithRetries(options, totals, body, spanCount);
  }
}

function freshBatch(options: ClientOptions) {
  const spanCount = options.minSpans + Math.floor(Math.random() * (options.maxSpans - options.minSpans + 1));
  return { body: encodeBatch(buildBatch(options.agent, spanCount)), spanCount };
}

async function sendWithRetries(options: ClientOptions, totals: ClientTotals, body: Uint8Array<ArrayBuffer>, spanCount: number) {
  for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
    const started = performance.now();
    const measured = Date.now() >= options.measureFrom;
    let response: Response;
    try {
      response = await fetch(options.url, {
        method: "POST",
        headers: { "Content-Type": "application/x-protobuf", Authorization: `Bearer ${options.key}` },
        body,
      });
    } catch (error) {
      totals.otherErrors += 1;
      totals.firstError ??= `network: ${(error as Error).message}`;
      await sleep(backoffMs(attempt, null));
      continue;
    }
    const responseBody = new Uint8Array(await response.arrayBuffer());
    totals.requests += 1;
    if (measured) totals.latenciesMs.push(performance.now() - started);
    if (response.ok) {
      const { rejected, message } = rejectedSpans(responseBody);
      totals.spansRejected += rejected;
      if (rejected) totals.firstError ??= `partial success: ${message}`;
      totals.spansSent += spanCount - rejected;
      if (measured) totals.measuredSpans += spanCount - rejected;
      return;
    }
    if (response.status === 429) totals.status429 += 1;
    else if (response.status === 503) totals.status503 += 1;
    else totals.otherErrors += 1;
    if (![429, 502, 503, 504].includes(response.status)) {
      totals.firstError ??= `HTTP ${response.status}: ${new TextDecoder().decode(responseBody).slice(0, 300)}`;
      break;
    }
    await sleep(backoffMs(attempt, response.headers.get("retry-after")));
  }
  totals.spansLost += spanCount;
}

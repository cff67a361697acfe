import { performance } from "node:perf_hooks";
import { decideCheck } from "../lib/guard/decide-check";
import { detectInjection } from "../lib/guard/injection/detect-injection";
import { policySet } from "../lib/policies/load-policies";
import { parseJsonBody } from "../lib/http/json-body";
import { policyDocumentSchema } from "../lib/policies/document-schema";
import { guardRequestSchema, type GuardRequest } from "../lib/guard/schemas";
import { benchPolicyDocuments, inputTexts, mixedChecks } from "./guard-policy";

// In-process timings: decideCheck (the pure decision the route runs between its reads and its
// insert) over the request mix, the request schema parse, and the injection detector per text.

type Row = { name: string; count: number; p50: number; p99: number; p999: number; max: number };

function summarise(name: string, timings: Float64Array, count: number): Row {
  const sorted = timings.slice(0, count).sort();
  const at = (p: number) => sorted[Math.min(count - 1, Math.floor((p / 100) * count))] * 1000;
  return { name, count, p50: at(50), p99: at(99), p999: at(99.9), max: sorted[count - 1] * 1000 };
}

// Times `run` once per iteration over `items` (round robin), after a warm-up, grouped by `group`.
function measure<T>(items: T[], group: (item: T) => string, run: (item: T) => unknown, iterations: number, warmup: number): Row[] {
  for (let index = 0; index < warmup; index++) run(items[index % items.length]);
  const groups = new Map<string, { timings: Float64Array; count: number }>();
  const all = new Float64Array(iterations);
  const groupOf = items.map((item) => {
    const name = group(item);
    if (!groups.has(name)) groups.set(name, { timings: new Float64Array(iterations), count: 0 });
    return groups.get(name)!;
  });
  for (let index = 0; index < iterations; index++) {
    const slot = index % items.length;
    const before = performance.now();
    run(items[slot]);
    const elapsed = performance.now() - before;
    all[index] = elapsed;
    const target = groupOf[slot];
    target.timings[target.count++] = elapsed;
  }
  return [...[...groups].map(([name, { timings, count }]) => summarise(name, timings, count)), summarise("all", all, iterations)];
}

function printTable(title: string, rows: Row[]) {
  const width = Math.max(...rows.map((row) => row.name.length), 10);
  const µs = (value: number) => `${value < 100 ? value.toFixed(1) : Math.round(value)} µs`.padStart(10);
  console.log(`\n${title}`);
  console.log(`${"".padEnd(width)}  ${"n".padStart(8)}  ${"p50".padStart(10)}  ${"p99".padStart(10)}  ${"p99.9".padStart(10)}  ${"max".padStart(10)}`);
  for (const row of rows) {
    console.log(`${row.name.padEnd(width)}  ${String(row.count).padStart(8)}  ${µs(row.p50)}  ${µs(row.p99)}  ${µs(row.p999)}  ${µs(row.max)}`);
  }
}

export function runInProcess(iterations: number): void {
  const agentSlug = "bench-procurement";
  const documents = benchPolicyDocuments(agentSlug).map((document) => policyDocumentSchema.parse(document));
  const policies = policySet(agentSlug, documents, new Map([["\u0000", 3], ["restock\u0000", 2], ["\u0000purchase.capex", 1]]));
  const agent = { slug: agentSlug, status: "active" as const };
  const requests: GuardRequest[] = mixedChecks().map((check, index) => guardRequestSchema.parse({ ...check, sessionId: `session-${index}` }));
  const warmup = Math.min(20_000, iterations / 10);

  const verdicts = { allow: 0, deny: 0, hold: 0 };
  for (const request of requests) verdicts[decideCheck({ agent, policies, request }).verdict]++;
  console.log(
    `guard benchmark, in process: ${documents.length} policy documents, ${requests.length} distinct requests ` +
      `(verdicts over one pass ${JSON.stringify(verdicts)}), ${iterations.toLocaleString("en-US")} iterations after ${warmup.toLocaleString("en-US")} warm-up`,
  );

  const decisions = measure(requests, (request) => `decideCheck ${request.check}`, (request) => decideCheck({ agent, policies, request }), iterations, warmup);
  printTable("decideCheck (the pure decision; target p99 ≤ 100 µs)", decisions);

  const raw = mixedChecks().map((check, index) => ({ ...check, sessionId: `session-${index}` }));
  printTable(
    "guardRequestSchema.parse (zod; once per call, in checkGuard)",
    measure(raw, (request) => `parse ${request.check}`, (request) => guardRequestSchema.parse(request), iterations, warmup),
  );

  // The body as it arrives, through JSON.parse alone and through the shared body rules (JSON.parse, then
  // the walk that refuses NUL, unpaired surrogates and deep nesting): what the rules add per call.
  const bodies = raw.map((request) => ({ check: request.check, text: JSON.stringify(request) }));
  const bodyGroup = ({ check }: { check: string }) => `${check}`;
  const parsed = measure(bodies, bodyGroup, ({ text }) => JSON.parse(text), iterations, warmup);
  printTable("JSON.parse of the body alone", parsed);
  const ruled = measure(bodies, bodyGroup, ({ text }) => parseJsonBody(text, "application/json", 1024 * 1024), iterations, warmup);
  printTable("parseJsonBody (JSON.parse + the storable-value rules, as the guard routes read a body)", ruled);

  const injectionIterations = Math.max(1000, Math.floor(iterations / 4));
  printTable(
    "detectInjection per text (input check; runs inside decideCheck input)",
    measure(
      inputTexts,
      ({ label, text }) => `${label} (${text.length} ch)`,
      ({ channel, text }) => detectInjection(text, { channel, sensitivity: "medium" }),
      injectionIterations,
      Math.min(5000, injectionIterations / 10),
    ),
  );

  const overall = decisions[decisions.length - 1];
  console.log(`\ndecideCheck over the mix: p99 ${overall.p99.toFixed(1)} µs → ${overall.p99 <= 100 ? "meets" : "MISSES"} the p99 ≤ 100 µs target`);
}

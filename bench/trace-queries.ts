// npm run bench:queries — DATABASE_URL=postgresql://postgres@127.0.0.1:5432/traces_bench_test npm run bench:queries [-- --traces 100000 --runs 200 --refill]
// Fills a benchmark database with ~1,000,000 spans (100,000 traces × 10) across 8 agents in 4 teams,
// then times the app's own trace list and trace detail functions (lib/traces/list-traces.ts,
// get-trace.ts): p50/p95 over --runs runs each. Prints figures; never fails on timing.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { closeDb, db } from "../lib/db/client";
import { prepareDatabase } from "../lib/db/prepare";
import type { UserPrincipal } from "../lib/auth/principal";
import { listTraces } from "../lib/traces/list-traces";
import { getTraceView } from "../lib/traces/get-trace";
import { countBenchSpans, deleteBenchTraces, ensureBenchAgents, insertTraceRange, SPANS_PER_TRACE } from "./fill-traces";
import { formatCount, formatMs, percentile } from "./stats";

const { values } = parseArgs({
  options: { traces: { type: "string", default: "100000" }, runs: { type: "string", default: "200" }, refill: { type: "boolean", default: false } },
});
const traceCount = Number(values.traces);
const runs = Number(values.runs);
const CHUNK = 10_000;

function assertBenchDatabase() {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) throw new Error("Set DATABASE_URL to a PostgreSQL database whose name contains bench or test (it gets a million rows)");
  const name = new URL(url).pathname.replace(/^\//, "");
  if (!/bench|test/i.test(name)) throw new Error(`Refusing database "${name}": its name must contain "bench" or "test"`);
}

async function fill(teamIds: string[]) {
  const wanted = traceCount * SPANS_PER_TRACE;
  const present = await countBenchSpans();
  if (present === wanted && !values.refill) {
    console.log(`reusing ${formatCount(present)} spans already stored (--refill to rebuild)`);
    return;
  }
  await deleteBenchTraces();
  const started = performance.now();
  for (let from = 0; from < traceCount; from += CHUNK) {
    await insertTraceRange(from, Math.min(traceCount, from + CHUNK));
    if (process.stdout.isTTY) process.stdout.write(`\rfilling: ${formatCount(Math.min(traceCount, from + CHUNK) * SPANS_PER_TRACE)} spans`);
  }
  await db().$executeRawUnsafe("ANALYZE traces");
  await db().$executeRawUnsafe("ANALYZE spans");
  const seconds = (performance.now() - started) / 1000;
  console.log(`${process.stdout.isTTY ? "\n" : ""}filled ${formatCount(wanted)} spans / ${formatCount(traceCount)} traces in ${seconds.toFixed(1)} s across ${teamIds.length} teams`);
}

async function time(label: string, run: (index: number) => Promise<unknown>) {
  for (let index = 0; index < 10; index++) await run(index); // warm caches and the connection pool
  const timings: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    await run(index);
    timings.push(performance.now() - started);
  }
  console.log(`${label.padEnd(52)} p50 ${formatMs(percentile(timings, 50)).padStart(9)}   p95 ${formatMs(percentile(timings, 95)).padStart(9)}   max ${formatMs(Math.max(...timings)).padStart(9)}`);
}

async function main() {
  assertBenchDatabase();
  await prepareDatabase((line) => console.log(line));
  const { teamIds } = await ensureBenchAgents();
  await fill(teamIds);
  const [{ spans, traces }] = await db().$queryRawUnsafe<{ spans: number; traces: number }[]>(
    "SELECT (SELECT count(*) FROM spans)::int AS spans, (SELECT count(*) FROM traces)::int AS traces",
  );
  console.log(`database holds ${formatCount(spans)} spans in ${formatCount(traces)} traces; ${runs} runs per query (after 10 warm-up runs)\n`);

  const principal = (role: "admin" | "viewer", teams: string[]): UserPrincipal => ({
    kind: "user", userId: randomUUID(), email: `${role}@bench.local`, name: role, role, teamIds: teams, via: "session",
  });
  const admin = principal("admin", []);
  const viewer = principal("viewer", teamIds.slice(0, 2));
  const traceIds = (await db().$queryRawUnsafe<{ trace_id: string }[]>(`SELECT trace_id FROM traces TABLESAMPLE SYSTEM (1) LIMIT ${runs + 10}`)).map((row) => row.trace_id);
  const secondPage = (await listTraces(admin, { limit: 50 })).nextCursor ?? undefined;

  await time("list: newest 50 (admin, all teams)", () => listTraces(admin, { limit: 50 }));
  await time("list: newest 50 (viewer of 2 of 4 teams)", () => listTraces(viewer, { limit: 50 }));
  await time("list: newest 50 of one agent", (index) => listTraces(admin, { agent: `bench-agent-${1 + (index % 8)}`, limit: 50 }));
  await time("list: next page (cursor)", () => listTraces(admin, { limit: 50, cursor: secondPage }));
  await time("list: outcome=escalated, last 7 days", () => listTraces(admin, { outcome: "escalated", since: new Date(Date.now() - 7 * 86_400_000), limit: 50 }));
  await time("list: has error", () => listTraces(admin, { hasError: true, limit: 50 }));
  await time(`detail: one trace with its ${SPANS_PER_TRACE} spans (random traces)`, (index) => getTraceView(admin, traceIds[index % traceIds.length]));
}

main()
  .then(() => closeDb())
  .then(
    () => process.exit(0),
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );

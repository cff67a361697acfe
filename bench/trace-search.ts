// npm run bench:search — DATABASE_URL=postgresql://postgres@127.0.0.1:5432/search_bench npm run bench:search [-- --traces 100000 --runs 20 --baseline-runs 5 --refill]
// Fills a database named *bench* or *test* with ~1,000,000 spans (100,000 traces × 10, varied text in
// inputs and outputs) and times the trace list's search (lib/traces/list-traces.ts) in the same run:
//   - with the trigram index spans_text_trgm_idx, as the app runs it;
//   - without it: the same statement in a transaction that drops the index first and rolls back, so the
//     planner does what it would with no text index (a scan down the traces, probing each one's spans).
// Prints p50/p99 and the ratio for each query, the plans (EXPLAIN ANALYZE) of two of them, the index's
// size and build time, and the sorted orders' latency. Never fails on timing.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { Prisma } from "../lib/generated/prisma/client";
import { closeDb, db } from "../lib/db/client";
import { prepareDatabase } from "../lib/db/prepare";
import type { UserPrincipal } from "../lib/auth/principal";
import { listTracesStatement } from "../lib/traces/list-traces";
import type { ListTracesInput } from "../lib/traces/schemas";
import { formatCount, formatMs, percentile } from "./stats";

const { values } = parseArgs({
  options: {
    traces: { type: "string", default: "100000" },
    runs: { type: "string", default: "20" },
    "baseline-runs": { type: "string", default: "5" },
    refill: { type: "boolean", default: false },
  },
});
const traceCount = Number(values.traces);
const runs = Number(values.runs);
const baselineRuns = Number(values["baseline-runs"]);
const SPANS_PER_TRACE = 10;
const CHUNK = 10_000;
const INDEX = "spans_text_trgm_idx";
const INDEX_DDL = `CREATE INDEX IF NOT EXISTS "${INDEX}" ON "spans" USING GIN ("input" gin_trgm_ops, "output" gin_trgm_ops)`;
const AGENTS = ["search-bench-1", "search-bench-2", "search-bench-3", "search-bench-4"];

function assertBenchDatabase() {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) throw new Error("Set DATABASE_URL to a PostgreSQL database whose name contains bench or test (it gets a million rows)");
  const name = new URL(url).pathname.replace(/^\//, "");
  if (!/bench|test/i.test(name)) throw new Error(`Refusing database "${name}": its name must contain "bench" or "test"`);
}

async function ensureAgents(): Promise<string[]> {
  const team = await db().team.upsert({ where: { name: "Search Bench" }, update: {}, create: { name: "Search Bench", description: "trace search benchmark" } });
  for (const slug of AGENTS) await db().agent.upsert({ where: { slug }, update: {}, create: { slug, name: slug, teamId: team.id } });
  return [team.id];
}

const benchAgents = `SELECT id FROM agents WHERE slug LIKE 'search-bench-%'`;

// Traces [from, to): deterministic text, so every run searches the same data. Each trace has its own
// order number (a one-trace text); 1 trace in 1,000 mentions a cracked jug (an uncommon text); a third
// of the spans mention a refund (a common one). Input and output sizes resemble chat messages.
async function insertRange(from: number, to: number) {
  await db().$executeRawUnsafe(`
    WITH bench AS (
      SELECT array_agg(a.id ORDER BY a.slug) AS agent_ids, array_agg(a.team_id ORDER BY a.slug) AS team_ids
      FROM agents a WHERE a.slug LIKE 'search-bench-%'
    )
    INSERT INTO traces (trace_id, agent_id, team_id, session_id, root_span_id, name, workflow, outcome, status, start_time, end_time,
                        span_count, error_count, input_tokens, output_tokens, cost_usd, unpriced_spans, models, updated_at)
    SELECT md5('search-bench-' || g), agent_ids[1 + g % 4], team_ids[1 + g % 4], 'conv_search_' || (g / 3),
           substr(md5(md5('search-bench-' || g) || '-0'), 1, 16), 'invoke_agent support', 'support.email-triage', 'resolved',
           'ok'::"SpanStatus", now() - g * interval '26 seconds', now() - g * interval '26 seconds' + ((2000 + (g * 7919) % 18000) * interval '1 ms'),
           ${SPANS_PER_TRACE}, 0, 1500 + (g * 31) % 3000, 100 + (g * 17) % 400, round(((1500 + (g * 31) % 3000) * 2.5 + (100 + (g * 17) % 400) * 10) / 1000000.0, 8),
           0, ARRAY['gpt-4.1'], now()
    FROM generate_series(${from}, ${to - 1}) AS g, bench`);
  await db().$executeRawUnsafe(`
    WITH words AS (
      SELECT ARRAY['Priya Patel','Jonas Berg','Ana Souza','Kenji Sato','Maria Rossi','Liam Walsh','Fatima Khan','Olga Ivanova',
                   'Tom Becker','Chen Wei','Sofia Lopez','Noah Smith','Emma Dubois','Ravi Kumar','Zoe Martin','Ali Demir'] AS names,
             ARRAY['blender','kettle','toaster','headphones','desk lamp','backpack','coffee grinder','yoga mat','air fryer',
                   'phone case','monitor','keyboard','rice cooker','umbrella','water bottle','sneakers'] AS products,
             ARRAY['wants a refund because it stopped working','asks where the parcel is','wants to change the delivery address',
                   'was charged twice and asks for a refund','asks for an invoice','wants to cancel the order',
                   'received the wrong colour and wants a refund','asks about the warranty','cannot log in to the account'] AS issues
    )
    INSERT INTO spans (trace_id, span_id, parent_span_id, agent_id, team_id, session_id, name, kind, start_time, end_time, status,
                       model, input_tokens, output_tokens, cost_usd, input, output, attributes, service)
    SELECT t.trace_id, substr(md5(t.trace_id || '-' || s), 1, 16), CASE WHEN s = 0 THEN NULL ELSE t.root_span_id END,
           t.agent_id, t.team_id, t.session_id,
           CASE WHEN s = 0 THEN t.name WHEN s % 2 = 0 THEN 'chat gpt-4.1' ELSE 'execute_tool orders.lookup' END,
           (CASE WHEN s = 0 THEN 'agent' WHEN s % 2 = 0 THEN 'llm' ELSE 'tool' END)::"SpanKind",
           t.start_time + (s * 150) * interval '1 ms', t.start_time + (s * 150 + 140) * interval '1 ms', 'ok'::"SpanStatus",
           CASE WHEN s % 2 = 0 AND s > 0 THEN 'gpt-4.1' END,
           CASE WHEN s % 2 = 0 AND s > 0 THEN 300 END, CASE WHEN s % 2 = 0 AND s > 0 THEN 20 END, CASE WHEN s % 2 = 0 AND s > 0 THEN 0.0008 END,
           'Customer ' || names[1 + (g * 7 + s) % 16] || ' (order ORD-' || lpad(g::text, 8, '0') || ') writes about the '
             || products[1 + (g + s) % 16] || ': she ' || issues[1 + (g * 3 + s) % 9] || '.'
             || CASE WHEN g % 1000 = 7 AND s = 0 THEN ' The blender arrived with a cracked jug.' ELSE '' END
             || ' ' || repeat('Earlier turn context. ', 3 + s),
           '{"status":"' || (ARRAY['delivered','in_transit','refunded','cancelled'])[1 + (g + s) % 4] || '","orderId":"ORD-' || lpad(g::text, 8, '0')
             || '","reply":"Thanks ' || split_part(names[1 + (g * 7 + s) % 16], ' ', 1) || ', I have looked into your ' || products[1 + (g + s) % 16] || '."}',
           '{}'::jsonb, 'bench'
    FROM (SELECT g, md5('search-bench-' || g) AS trace_id FROM generate_series(${from}, ${to - 1}) AS g) AS numbered
    JOIN traces t USING (trace_id)
    CROSS JOIN generate_series(0, ${SPANS_PER_TRACE - 1}) AS s
    CROSS JOIN words`);
}

async function fill() {
  const wanted = traceCount * SPANS_PER_TRACE;
  const [{ present }] = await db().$queryRawUnsafe<{ present: number }[]>(`SELECT count(*)::int AS present FROM spans WHERE agent_id IN (${benchAgents})`);
  if (present === wanted && !values.refill) {
    console.log(`reusing ${formatCount(present)} spans already stored (--refill to rebuild)`);
    await db().$executeRawUnsafe(INDEX_DDL);
    return;
  }
  await db().$executeRawUnsafe(`DELETE FROM spans WHERE agent_id IN (${benchAgents})`);
  await db().$executeRawUnsafe(`DELETE FROM traces WHERE agent_id IN (${benchAgents})`);
  // Filled without the index, then indexed once: what a migration on an existing database does.
  await db().$executeRawUnsafe(`DROP INDEX IF EXISTS "${INDEX}"`);
  let started = performance.now();
  for (let from = 0; from < traceCount; from += CHUNK) {
    await insertRange(from, Math.min(traceCount, from + CHUNK));
    if (process.stdout.isTTY) process.stdout.write(`\rfilling: ${formatCount(Math.min(traceCount, from + CHUNK) * SPANS_PER_TRACE)} spans`);
  }
  console.log(`${process.stdout.isTTY ? "\n" : ""}filled ${formatCount(wanted)} spans / ${formatCount(traceCount)} traces in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  started = performance.now();
  await db().$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL maintenance_work_mem = '256MB'");
    await tx.$executeRawUnsafe(INDEX_DDL);
  }, { timeout: 3_600_000 });
  console.log(`built ${INDEX} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await db().$executeRawUnsafe("VACUUM ANALYZE traces");
  await db().$executeRawUnsafe("VACUUM ANALYZE spans");
}

class Rollback extends Error {}

// One run of the list's statement, with the index or (in a rolled-back transaction) without it.
async function runStatement(principal: UserPrincipal, query: ListTracesInput, withIndex: boolean, explain = false): Promise<unknown[]> {
  const { sql } = await listTracesStatement(principal, query);
  const statement = explain ? Prisma.sql`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${sql}` : sql;
  if (withIndex) return db().$queryRaw<unknown[]>(statement);
  let rows: unknown[] = [];
  await db()
    .$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`DROP INDEX "${INDEX}"`);
        rows = await tx.$queryRaw<unknown[]>(statement);
        throw new Rollback();
      },
      { timeout: 600_000 },
    )
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return rows;
}

async function timings(count: number, run: () => Promise<unknown>): Promise<number[]> {
  await run(); // warm the caches and the connection
  const measured: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await run();
    measured.push(performance.now() - started);
  }
  return measured;
}

const summary = (measured: number[]) => `p50 ${formatMs(percentile(measured, 50)).padStart(9)}  p99 ${formatMs(percentile(measured, 99)).padStart(9)}`;

async function main() {
  assertBenchDatabase();
  await prepareDatabase((line) => console.log(line));
  const teamIds = await ensureAgents();
  await fill();
  const [sizes] = await db().$queryRawUnsafe<{ spans: number; traces: number; table_mb: number; index_mb: number }[]>(
    `SELECT (SELECT count(*) FROM spans)::int AS spans, (SELECT count(*) FROM traces)::int AS traces,
            round(pg_table_size('spans') / 1048576.0)::int AS table_mb, round(pg_relation_size('${INDEX}') / 1048576.0)::int AS index_mb`,
  );
  console.log(`database holds ${formatCount(sizes.spans)} spans in ${formatCount(sizes.traces)} traces; spans table ${sizes.table_mb} MB, ${INDEX} ${sizes.index_mb} MB`);
  console.log(`${runs} runs with the index, ${baselineRuns} without (after one warm-up each); page size 50\n`);

  const admin: UserPrincipal = { kind: "user", userId: randomUUID(), email: "admin@bench.local", name: "admin", role: "admin", teamIds: [], via: "session" };
  const viewer: UserPrincipal = { ...admin, email: "viewer@bench.local", role: "viewer", teamIds };
  const day = new Date(Date.now() - 86_400_000).toISOString();
  const searches: { label: string; query: ListTracesInput }[] = [
    { label: "one trace's order number (ORD-00042424)", query: { q: "ORD-00042424" } },
    { label: "uncommon text, 1 trace in 1,000 (cracked jug)", query: { q: "cracked jug" } },
    { label: "common text, in most traces (refund)", query: { q: "refund" } },
    { label: "text in no span at all (zebra crossing)", query: { q: "zebra crossing" } },
    { label: "uncommon text, last 24 h (cracked jug)", query: { q: "cracked jug", since: day } },
    { label: "uncommon text, viewer of the team, by cost", query: { q: "cracked jug", sort: "cost" } },
  ];
  console.log(`${"search (q)".padEnd(48)} ${"with the index".padEnd(26)} ${"without (same statement)".padEnd(26)} ratio p50`);
  for (const { label, query } of searches) {
    const principal = label.includes("viewer") ? viewer : admin;
    const found = (await runStatement(principal, query, true)).length;
    const indexed = await timings(runs, () => runStatement(principal, query, true));
    const baseline = await timings(baselineRuns, () => runStatement(principal, query, false));
    const ratio = percentile(baseline, 50) / percentile(indexed, 50);
    console.log(`${`${label} [${Math.min(found, 50)} rows]`.padEnd(48)} ${summary(indexed)}  ${summary(baseline)}  ×${ratio.toFixed(0)}`);
  }

  const [anyTrace] = await db().$queryRawUnsafe<{ trace_id: string; session_id: string }[]>(`SELECT trace_id, session_id FROM traces WHERE agent_id IN (${benchAgents}) LIMIT 1`);
  console.log(`\n${"ids and sorted orders (no text)".padEnd(48)} with the index`);
  const others: { label: string; query: ListTracesInput }[] = [
    { label: "exact trace id", query: { q: anyTrace.trace_id } },
    { label: "exact session id", query: { q: anyTrace.session_id } },
    { label: "newest first (default)", query: {} },
    { label: "most expensive first", query: { sort: "cost", order: "desc" } },
    { label: "longest first", query: { sort: "duration", order: "desc" } },
    { label: "fewest tokens first, last 24 h", query: { sort: "tokens", order: "asc", since: day } },
  ];
  for (const { label, query } of others) {
    console.log(`${label.padEnd(48)} ${summary(await timings(runs, () => runStatement(admin, query, true)))}`);
  }

  for (const { label, query } of [searches[1], searches[3]]) {
    for (const withIndex of [true, false]) {
      const plan = (await runStatement(admin, query, withIndex, true)) as Record<string, string>[];
      console.log(`\nEXPLAIN ANALYZE — ${label}, ${withIndex ? "with the index" : "without it"}:`);
      for (const row of plan) console.log(`  ${Object.values(row)[0]}`);
    }
  }
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

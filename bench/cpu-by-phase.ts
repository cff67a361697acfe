// npx tsx bench/cpu-by-phase.ts --db <database> --seconds 80 --server-pid <pid of scripts/serve.mjs>
// A diagnostic for bench:ingest --floor, started beside it: reads every process's CPU ticks from /proc
// every 250 ms and labels each interval by the statement running in <database> at its end (the floor's
// insert, ingest's statement, or idle), then prints CPU seconds per process group (postgres, the
// server, the benchmark's own processes, the rest) per phase. Divided by the rows or spans each phase
// stored, that is CPU per row: where a ratio to the floor is lost, PostgreSQL or the server. Linux only.
// Ingest's and the floor's statements run tens of ms with four writers, so a sample nearly always sees
// one; the guard's last under a millisecond and mostly go unseen, so this does not label guard phases.
import { readdirSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    seconds: { type: "string", default: "60" },
    "server-pid": { type: "string" },
    url: { type: "string", default: "postgresql://postgres@127.0.0.1:5432/postgres" },
  },
});
if (!values.db) throw new Error("--db <database the benchmark writes to> is required");
const TICKS_PER_SECOND = 100;
const INTERVAL_MS = 250;
const serverPid = Number(values["server-pid"] ?? 0);

type Proc = { comm: string; ticks: number; cmd: string };

function snapshot(): Map<number, Proc> {
  const procs = new Map<number, Proc>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const fields = stat.slice(close + 2).split(" ");
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ");
      procs.set(Number(entry), { comm: stat.slice(stat.indexOf("(") + 1, close), ticks: Number(fields[11]) + Number(fields[12]), cmd });
    } catch {
      // the process ended between the listing and the read
    }
  }
  return procs;
}

function groupOf(pid: number, proc: Proc): string {
  if (proc.comm.startsWith("postgres") || proc.cmd.startsWith("postgres")) return "postgres";
  if (pid === serverPid) return "server";
  if (proc.cmd.includes("bench/")) return "benchmark";
  return "other";
}

// By the start of each statement (pg_stat_activity keeps the first track_activity_query_size bytes,
// 1 kB by default): the floor's insert names its table; ingest's (lib/traces/store-spans.ts) opens with
// the spans' columns.
function phaseOf(queries: string): string {
  if (queries.includes("bench_floor_spans")) return "floor";
  if (/AS s\(\s*trace_id/.test(queries)) return "ingest";
  return "idle";
}

const client = new pg.Client({ connectionString: values.url });
await client.connect();
const totals = new Map<string, { intervals: number; cpu: Map<string, number> }>();
let previous = snapshot();
const until = Date.now() + Number(values.seconds) * 1000;
while (Date.now() < until) {
  await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  const { rows } = await client.query<{ query: string }>(
    "SELECT query FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid()",
    [values.db],
  );
  const phase = phaseOf(rows.map((row) => row.query).join(" "));
  const current = snapshot();
  const total = totals.get(phase) ?? { intervals: 0, cpu: new Map<string, number>() };
  total.intervals++;
  for (const [pid, proc] of current) {
    const spent = proc.ticks - (previous.get(pid)?.ticks ?? 0);
    if (spent <= 0) continue;
    const group = groupOf(pid, proc);
    total.cpu.set(group, (total.cpu.get(group) ?? 0) + spent / TICKS_PER_SECOND);
  }
  totals.set(phase, total);
  previous = current;
}
await client.end();
for (const [phase, { intervals, cpu }] of totals) {
  const groups = [...cpu].sort((a, b) => b[1] - a[1]).map(([group, seconds]) => `${group} ${seconds.toFixed(1)} s`);
  console.log(`${phase.padEnd(6)} ${((intervals * INTERVAL_MS) / 1000).toFixed(1)} s of wall time; CPU: ${groups.join(", ")}`);
}

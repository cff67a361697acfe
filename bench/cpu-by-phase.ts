// DATABASE_URL=postgresql://…/x_bench npx tsx bench/cpu-by-phase.ts --seconds 80 --server-pid <pid of scripts/serve.mjs>
// A diagnostic for the floor benchmarks (bench:ingest --floor, bench:guard --floor), started beside one
// on the same database: every second it reads each process's CPU ticks from /proc and how many rows the
// second added to spans, guard_decisions and the floors' tables (bench_floor_spans,
// bench_floor_decisions), labels the second by the table that grew most (ingest, guard or floor), and
// in the end prints, per phase, CPU per stored row for each process group: PostgreSQL, the server, the
// guard's floor server (bench:guard forks it), the benchmark's own processes, the rest; so where a ratio
// to the floor is lost, PostgreSQL or the server. Linux only. PostgreSQL publishes its row counts about once a second, so a phase's first and last
// seconds blur; phases of 15 s and more read well.
import { readdirSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    "server-pid": { type: "string" },
    url: { type: "string" },
  },
});
const databaseUrl = values.url ?? process.env.DATABASE_URL?.trim();
if (!databaseUrl) throw new Error("Set DATABASE_URL (or --url) to the benchmark's database");
const TICKS_PER_SECOND = 100;
const INTERVAL_MS = 1000;
const serverPid = Number(values["server-pid"] ?? 0);

// The table whose rows a phase stores, and the phase's name.
const PHASE_OF_TABLE: Record<string, string> = {
  spans: "ingest",
  bench_floor_spans: "floor (ingest)",
  guard_decisions: "guard",
  bench_floor_decisions: "floor (guard)",
};

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
  if (proc.cmd.includes("guard-floor-server")) return "floor server";
  if (proc.cmd.includes("bench/")) return "benchmark";
  return "other";
}

const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
async function insertedRows(): Promise<Map<string, number>> {
  const { rows } = await client.query<{ relname: string; n: string }>(
    "SELECT relname, n_tup_ins AS n FROM pg_stat_user_tables WHERE relname = ANY($1::text[])",
    [Object.keys(PHASE_OF_TABLE)],
  );
  return new Map(rows.map((row) => [row.relname, Number(row.n)]));
}

type Phase = { seconds: number; rows: number; cpu: Map<string, number> };
const phases = new Map<string, Phase>();
let previousProcs = snapshot();
let previousRows = await insertedRows();
const until = Date.now() + Number(values.seconds) * 1000;
while (Date.now() < until) {
  await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  const procs = snapshot();
  const rows = await insertedRows();
  // The table that grew most names the second; a floor table dropped and made again starts from 0.
  let label = "idle";
  let added = 0;
  for (const [table, count] of rows) {
    const grew = count - Math.min(previousRows.get(table) ?? 0, count);
    if (grew > added) [label, added] = [PHASE_OF_TABLE[table], grew];
  }
  const phase = phases.get(label) ?? { seconds: 0, rows: 0, cpu: new Map<string, number>() };
  phase.seconds += INTERVAL_MS / 1000;
  phase.rows += added;
  for (const [pid, proc] of procs) {
    const spent = proc.ticks - (previousProcs.get(pid)?.ticks ?? 0);
    if (spent <= 0) continue;
    const group = groupOf(pid, proc);
    phase.cpu.set(group, (phase.cpu.get(group) ?? 0) + spent / TICKS_PER_SECOND);
  }
  phases.set(label, phase);
  previousProcs = procs;
  previousRows = rows;
}
await client.end();

for (const [label, { seconds, rows, cpu }] of phases) {
  const total = [...cpu.values()].reduce((sum, value) => sum + value, 0);
  const perRow = (cpuSeconds: number) => (rows ? `${Math.round((cpuSeconds / rows) * 1e6)} µs/row` : `${cpuSeconds.toFixed(1)} s`);
  const groups = [...cpu].sort((a, b) => b[1] - a[1]).map(([group, spent]) => `${group} ${perRow(spent)}`);
  console.log(`${label}: ${seconds} s, ${rows.toLocaleString("en-US")} rows; CPU ${perRow(total)} (${groups.join(", ")})`);
}

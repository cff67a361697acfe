// DATABASE_URL=postgresql://…/bench_guard npx tsx --conditions=react-server bench/guard-db-profile.ts [--calls 2000] [--concurrency 1]
// Where a guard call's time goes below HTTP: each step of the route's path (key lookup, agent read,
// policy load, decision, decision insert) timed through the app's own lib and Prisma client, and the
// same statements over a bare pg pool, against a real database. Run it on a scratch database: it
// registers an agent (bench-guard-profile-…), writes the benchmark policies and stores decisions.
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { authenticateKey } from "../lib/keys/authenticate-key";
import { authenticateKeyCached } from "../lib/http/agent-key-cache";
import { createAgentKey } from "../lib/keys/create-key";
import { createAgent } from "../lib/agents/create-agent";
import { checkGuard } from "../lib/guard/check-guard";
import { loadPolicies } from "../lib/policies/load-policies";
import { closeDb, db } from "../lib/db/client";
import { policyDocumentSchema } from "../lib/policies/document-schema";
import { hashKey } from "../lib/keys/key-secret";
import { benchPolicyDocuments, mixedChecks } from "./guard-policy";
import { formatMs, percentile } from "./stats";

const { values } = parseArgs({ options: { calls: { type: "string", default: "2000" }, concurrency: { type: "string", default: "1" } } });
const calls = Number(values.calls);
const concurrency = Number(values.concurrency);
const system = { kind: "system" as const, label: "bench-guard-profile" };

// Wall time per call, and this process's CPU per call (user + system): the CPU figure holds up on a
// busy machine, where wall times mostly measure waiting for a core.
type Step = { timings: number[]; cpuMsPerCall: number };

async function timed(name: string, run: (index: number) => Promise<unknown>, table: Map<string, Step>) {
  const timings: number[] = [];
  for (let index = 0; index < 200; index++) await run(index);
  const cpuBefore = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) {
        const index = next++;
        const before = performance.now();
        await run(index);
        timings.push(performance.now() - before);
      }
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  table.set(name, { timings, cpuMsPerCall: (cpu.user + cpu.system) / 1000 / calls });
}

async function main() {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) throw new Error("Set DATABASE_URL to a scratch PostgreSQL database (the profile writes to it)");
  const team = await db().team.findFirst({ select: { name: true } });
  if (!team) throw new Error("No team in the database: start the server once in demo mode against it first");
  const slug = `bench-guard-profile-${Date.now().toString(36)}`;
  await createAgent(system, { slug, name: slug, team: team.name });
  const agent = await db().agent.findUniqueOrThrow({ where: { slug }, select: { id: true, slug: true, teamId: true } });
  for (const input of benchPolicyDocuments(slug)) {
    const document = policyDocumentSchema.parse(input);
    await db().policy.create({ data: { agentId: agent.id, workflow: document.scope.workflow ?? "", decisionType: document.scope.decisionType ?? "", document } });
  }
  const { key } = await createAgentKey(system, slug, { name: "profile" });
  const principal = await authenticateKey(key);
  if (principal.kind !== "agent") throw new Error("expected an agent key");
  const checks = mixedChecks();
  const request = (index: number) => ({ ...checks[index % checks.length], sessionId: `profile-${index % 100}` });

  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const hash = hashKey(key);
  const table = new Map<string, Step>();
  await timed("authenticateKey (Prisma, include agent+user)", () => authenticateKey(key), table);
  await timed("authenticateKeyCached (route's path, hits)", () => authenticateKeyCached(key), table);
  await timed("agent.findUnique (Prisma)", () => db().agent.findUnique({ where: { id: agent.id }, select: { id: true, slug: true, status: true, teamId: true } }), table);
  await timed("loadPolicies (cached)", () => loadPolicies(agent.id, slug), table);
  await timed(
    "guardDecision.create (Prisma)",
    (index) =>
      db().guardDecision.create({
        data: { agentId: agent.id, teamId: agent.teamId, sessionId: `profile-${index % 100}`, check: "action", verdict: "allow", reasons: [], request: { action: { tool: "x" } }, latencyMs: 0.1 },
        select: { id: true },
      }),
    table,
  );
  await timed("checkGuard whole (Prisma)", (index) => checkGuard(principal, request(index)), table);
  await timed("key lookup (bare pg)", () => pool.query("SELECT k.id, k.revoked_at, a.id, a.slug, a.team_id, a.status FROM api_keys k LEFT JOIN agents a ON a.id = k.agent_id WHERE k.hash = $1", [hash]), table);
  await timed(
    "decision insert (bare pg)",
    (index) =>
      pool.query(
        "INSERT INTO guard_decisions (id, agent_id, team_id, session_id, \"check\", verdict, reasons, request, latency_ms) VALUES (gen_random_uuid(), $1, $2, $3, 'action', 'allow', '[]', '{}', 0.1) RETURNING id",
        [agent.id, agent.teamId, `profile-${index % 100}`],
      ),
    table,
  );
  await timed("SELECT 1 (bare pg)", () => pool.query("SELECT 1"), table);
  await pool.end();

  console.log(`guard DB path, ${calls} calls per step at concurrency ${concurrency} (after 200 warm-up calls)`);
  const width = Math.max(...[...table.keys()].map((name) => name.length));
  for (const [name, { timings, cpuMsPerCall }] of table) {
    console.log(
      `${name.padEnd(width)}  p50 ${formatMs(percentile(timings, 50)).padStart(8)}  p99 ${formatMs(percentile(timings, 99)).padStart(8)}  ` +
        `max ${formatMs(Math.max(...timings)).padStart(8)}  client CPU ${formatMs(cpuMsPerCall).padStart(8)}/call`,
    );
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

// npm run bench:guard                        in-process: decideCheck and the injection detector (p50/p99/max)
// npm run bench:guard -- --url http://localhost:3000 [--rate 1000] [--duration 30] [--clients 64] [--keys 4] [--sessions 500] [--timeout 10]
//   over HTTP against a running Control Room on the real PostgreSQL (agent, policies and keys set up
//   over the management API as an admin). Open loop at a fixed rate, latency measured from each
//   request's scheduled send time. See README "Benchmarks".
//   [--floor [--floor-db postgresql://…] [--rounds 2]]: also starts the floor server (bench/guard-floor-server.ts)
//   on the server's PostgreSQL (--floor-db, else DATABASE_URL) and alternates floor and guard runs,
//   printing both and the guard/floor p99 ratio per round and overall.
// Prints figures only; never fails on timing (exit 1 only when the setup fails or nothing succeeded).
import { parseArgs } from "node:util";
import { runInProcess } from "./guard-in-process";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    iterations: { type: "string", default: "200000" },
    rate: { type: "string", default: "1000" },
    duration: { type: "string", default: "30" },
    warmup: { type: "string", default: "3" },
    clients: { type: "string", default: "64" },
    keys: { type: "string", default: "4" },
    sessions: { type: "string", default: "500" },
    timeout: { type: "string", default: "10" },
    team: { type: "string" },
    email: { type: "string" },
    password: { type: "string" },
    floor: { type: "boolean", default: false },
    "floor-db": { type: "string" },
    rounds: { type: "string", default: "2" },
  },
});

async function main(): Promise<number> {
  if (!values.url) {
    runInProcess(Number(values.iterations));
    return 0;
  }
  const { runHttp } = await import("./guard-http");
  const floorDb = values["floor-db"]?.trim() || process.env.DATABASE_URL?.trim();
  if (values.floor && !floorDb) throw new Error("--floor needs the server's PostgreSQL: pass --floor-db or set DATABASE_URL");
  return runHttp({
    baseUrl: values.url.replace(/\/$/, ""),
    rate: Number(values.rate),
    durationS: Number(values.duration),
    warmupS: Number(values.warmup),
    clients: Number(values.clients),
    keys: Number(values.keys),
    sessions: Number(values.sessions),
    timeoutS: Number(values.timeout),
    team: values.team,
    floor: values.floor ? { databaseUrl: floorDb!, rounds: Number(values.rounds) } : undefined,
    credentials: { adminKey: process.env.CONTROLROOM_ADMIN_KEY?.trim() || undefined, email: values.email, password: values.password },
  });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);

import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { report, runOpenLoop, type HttpOptions, type Totals } from "./guard-http";
import { formatMs, percentile } from "./stats";

// The guard against its floor, in one run: the floor server (bench/guard-floor-server.ts, a child
// process committing one row per request to the same PostgreSQL) and the guard take turns under the
// same open-loop load (floor, guard, floor, guard, …), so both see the same machine at nearly the same
// time. Prints each run, then p50/p99 of both per round and overall and the guard/floor p99 ratio.

const TARGET_RATIO = 1.5;

export async function runRounds(options: HttpOptions, keys: string[]): Promise<number> {
  const { databaseUrl, rounds } = options.floor!;
  const floor = await startFloor(databaseUrl);
  const floorUrl = `http://127.0.0.1:${floor.port}`;
  console.log(`floor: bare node:http + pg, one group-committed row per request → ${floorUrl} (database ${new URL(databaseUrl).pathname.slice(1)})`);
  const results: { floor: Totals; guard: Totals }[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      console.log(`\n── round ${round} of ${rounds}: floor`);
      const floorRun = await runOpenLoop(floorUrl, keys, options);
      report(floorRun);
      console.log(`\n── round ${round} of ${rounds}: guard`);
      const guardRun = await runOpenLoop(options.baseUrl, keys, options);
      report(guardRun);
      results.push({ floor: floorRun, guard: guardRun });
    }
  } finally {
    floor.child.kill("SIGTERM");
  }

  const ms = (run: Totals) => run.samples.map((sample) => sample.fromScheduledMs);
  const allOk = (run: Totals) => run.samples.length > 0 && run.samples.every((sample) => sample.ok);
  const row = (label: string, floorMs: number[], guardMs: number[]) => {
    const ratio = percentile(guardMs, 99) / percentile(floorMs, 99);
    console.log(
      `${label.padEnd(9)} floor p50 ${formatMs(percentile(floorMs, 50)).padStart(9)}  p99 ${formatMs(percentile(floorMs, 99)).padStart(9)}   ` +
        `guard p50 ${formatMs(percentile(guardMs, 50)).padStart(9)}  p99 ${formatMs(percentile(guardMs, 99)).padStart(9)}   guard/floor p99 ${ratio.toFixed(2)}×`,
    );
    return ratio;
  };
  console.log(`\nguard vs floor at ${options.rate}/s (latency from scheduled time, ${options.durationS} s measured per run):`);
  results.forEach((result, index) => row(`round ${index + 1}`, ms(result.floor), ms(result.guard)));
  const overall = row("overall", results.flatMap((result) => ms(result.floor)), results.flatMap((result) => ms(result.guard)));
  const answered = results.every((result) => allOk(result.floor) && allOk(result.guard));
  console.log(`target:   guard p99 ≤ ${TARGET_RATIO}× floor p99, all answered 200 → ${overall <= TARGET_RATIO && answered ? "met" : "not met"}`);
  return results.every((result) => result.guard.byStatus.get("200")) ? 0 : 1;
}

async function startFloor(databaseUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const script = fileURLToPath(new URL("./guard-floor-server.ts", import.meta.url));
  // The same tsx loader this process runs under (its execArgv), and its own process: the floor gets an
  // event loop of its own, as the server does, not the load generator's.
  const child = fork(script, [], { env: { ...process.env, FLOOR_DATABASE_URL: databaseUrl }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`the floor server exited (${code}) before listening`)));
  });
  return { child, port };
}

import http from "node:http";
import { performance } from "node:perf_hooks";
import type { AdminCredentials } from "../lib/simulator/admin-client";
import { prepareGuardAgent } from "./guard-setup";
import { guardRequestBody } from "./guard-request";
import { formatCount, formatMs, percentile } from "./stats";
import { runRounds } from "./guard-rounds";
import { tailWindows } from "./tail-windows";

export type HttpOptions = {
  baseUrl: string;
  rate: number;
  durationS: number;
  warmupS: number;
  clients: number; // keep-alive connections (the most requests in flight at once)
  keys: number;
  sessions: number; // sessions active at once (bench/guard-request.ts)
  timeoutS: number; // a request not answered by then counts as "timeout"
  team?: string;
  credentials: AdminCredentials;
  floor?: { databaseUrl: string; rounds: number };
};

// Server-side rate limit default (lib/http/rate-limit.ts), for the warning below.
const DEFAULT_RATE_LIMIT = 200;

type Sample = { fromScheduledMs: number; lateMs: number; finishedAt: number; ok: boolean };
export type Totals = {
  samples: Sample[];
  byStatus: Map<string, number>;
  verdicts: Map<string, number>;
  firstError?: string;
  sent: number;
  completed: number;
  measureFrom: number;
  rate: number;
  drainMs: number;
};

// The server's agent and keys, then the open-loop run against it; with --floor, rounds that alternate the
// floor server and the guard (bench/guard-rounds.ts).
export async function runHttp(options: HttpOptions): Promise<number> {
  const { baseUrl, rate, durationS, warmupS } = options;
  const perKeyRate = rate / options.keys;
  const configuredLimit = Number(process.env.CONTROLROOM_RATE_LIMIT) || DEFAULT_RATE_LIMIT;
  if (perKeyRate > configuredLimit) {
    console.log(
      `warning: ${perKeyRate.toFixed(0)} requests/s per key; the server refuses more than CONTROLROOM_RATE_LIMIT (default ${DEFAULT_RATE_LIMIT}) per key. ` +
        `Start the server with CONTROLROOM_RATE_LIMIT=${Math.ceil(perKeyRate * 1.5)} or pass --keys ${Math.ceil((rate * 1.5) / DEFAULT_RATE_LIMIT)}.`,
    );
  }
  const { agent, keys, policiesVia } = await prepareGuardAgent(baseUrl, options.credentials, options.keys, options.team);
  console.log(
    `guard benchmark over HTTP: ${rate}/s for ${durationS} s (+${warmupS} s warm-up) → ${baseUrl}/api/v1/guard as ${agent}, ` +
      `${options.clients} keep-alive connections, ${keys.length} keys, ${options.sessions} sessions at a time, policies via ${policiesVia}`,
  );
  if (options.floor) return runRounds(options, keys);
  const totals = await runOpenLoop(baseUrl, keys, options);
  report(totals);
  return totals.byStatus.get("200") ? 0 : 1;
}

// Open loop: request i is due at start + i / rate, whatever happened to earlier ones, and its latency
// counts from that due time, so a server that falls behind shows its queueing instead of hiding it
// (coordinated omission). The time from due to actually sent is reported as the client's own lag.
// The same requests (bodies and headers) go to whichever server baseUrl names.
export async function runOpenLoop(baseUrl: string, keys: string[], options: HttpOptions): Promise<Totals> {
  const { rate, durationS, warmupS } = options;
  const url = new URL(`${baseUrl}/api/v1/guard`);
  const agentPool = new http.Agent({ keepAlive: true, maxSockets: options.clients, maxFreeSockets: options.clients });
  const runId = Date.now().toString(36);
  const totals: Omit<Totals, "measureFrom" | "rate" | "drainMs"> = { samples: [], byStatus: new Map(), verdicts: new Map(), sent: 0, completed: 0 };
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

  const start = performance.now() + 50;
  const measureFrom = start + warmupS * 1000;
  const total = Math.floor((warmupS + durationS) * rate);
  const inFlight = new Set<Promise<void>>();

  const send = (index: number, dueAt: number) => {
    const body = guardRequestBody(index, runId, options.sessions);
    const sentAt = performance.now();
    totals.sent += 1;
    const done = new Promise<void>((resolve) => {
      const request = http.request(
        url,
        {
          method: "POST",
          agent: agentPool,
          headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), Authorization: `Bearer ${keys[index % keys.length]}` },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const finishedAt = performance.now();
            totals.completed += 1;
            const status = String(response.statusCode);
            if (dueAt >= measureFrom) {
              totals.samples.push({ fromScheduledMs: finishedAt - dueAt, lateMs: sentAt - dueAt, finishedAt, ok: response.statusCode === 200 });
              count(totals.byStatus, status);
            }
            const text = Buffer.concat(chunks).toString();
            if (response.statusCode === 200) {
              count(totals.verdicts, (JSON.parse(text) as { verdict: string }).verdict);
            } else {
              totals.firstError ??= `HTTP ${status}: ${text.slice(0, 300)}`;
            }
            resolve();
          });
        },
      );
      request.setTimeout(options.timeoutS * 1000, () => request.destroy(new Error("timeout")));
      request.on("error", (error) => {
        totals.completed += 1;
        if (dueAt >= measureFrom) count(totals.byStatus, error.message === "timeout" ? "timeout" : "network");
        totals.firstError ??= `network: ${error.message}`;
        resolve();
      });
      request.end(body);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };

  const progress = setInterval(() => {
    console.log(`  ${((performance.now() - start) / 1000).toFixed(0)} s: ${formatCount(totals.completed)} answered, ${inFlight.size} in flight`);
  }, 10_000);
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && start + (next * 1000) / rate <= now) {
        send(next, start + (next * 1000) / rate);
        next += 1;
      }
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, start + (next * 1000) / rate - performance.now()));
    };
    tick();
  });
  const lastDue = start + ((total - 1) * 1000) / rate;
  await Promise.all(inFlight);
  clearInterval(progress);
  agentPool.destroy();

  return { ...totals, measureFrom, rate, drainMs: performance.now() - lastDue };
}

export function report(totals: Totals) {
  const { measureFrom, rate, drainMs } = totals;
  const fromScheduled = totals.samples.map((sample) => sample.fromScheduledMs);
  const late = totals.samples.map((sample) => sample.lateMs);
  const answered = totals.samples.filter((sample) => sample.ok);
  const ok = answered.length;
  // Answers per second from the first measured due time to the last measured answer: below the
  // target rate when the server cannot keep up (the open loop then shows it as growing latency).
  const measuredSeconds = (answered.reduce((latest, sample) => Math.max(latest, sample.finishedAt), measureFrom + 1) - measureFrom) / 1000;
  const line = (name: string, values: number[]) =>
    console.log(
      `${name.padEnd(30)} p50 ${formatMs(percentile(values, 50)).padStart(9)}   p90 ${formatMs(percentile(values, 90)).padStart(9)}   ` +
        `p99 ${formatMs(percentile(values, 99)).padStart(9)}   p99.9 ${formatMs(percentile(values, 99.9)).padStart(9)}   max ${formatMs(values.reduce((most, value) => Math.max(most, value), Number.NEGATIVE_INFINITY)).padStart(9)}`,
    );
  console.log("");
  console.log(`achieved:   ${formatCount(ok / measuredSeconds)} decisions/s answered 200 (offered ${formatCount(rate)}/s; ${formatCount(totals.samples.length)} measured requests answered over ${measuredSeconds.toFixed(1)} s)`);
  line("latency from scheduled time", fromScheduled);
  line("client lag (due → handed to socket pool)", late);
  const p99 = percentile(fromScheduled, 99);
  const tail = tailWindows(totals.samples.map((sample) => ({ dueAt: sample.finishedAt - sample.fromScheduledMs, ms: sample.fromScheduledMs })), p99);
  if (tail?.slowCalls) {
    console.log(
      `tail:       the ${formatCount(tail.slowCalls)} calls slower than p99 fell due in ${tail.windowsWithSlow} of ${tail.windows} windows of 100 ms; ` +
        `the ${tail.worst} worst windows (at ${tail.worstAtS.map((s) => `${s.toFixed(1)} s`).join(", ")}) hold ${(tail.worstShare * 100).toFixed(0)}% of them`,
    );
  }
  const met = p99 <= 5 && rate >= 1000 && ok === totals.samples.length;
  console.log(`target:     p99 ≤ 5 ms at 1,000/s, all answered 200 → ${met ? "met" : "not met"} (last answer ${drainMs.toFixed(0)} ms after the last due time)`);
  console.log(`statuses:   ${[...totals.byStatus].sort().map(([status, n]) => `${status}: ${formatCount(n)}`).join(", ") || "none"}`);
  console.log(`verdicts:   ${[...totals.verdicts].sort().map(([verdict, n]) => `${verdict}: ${formatCount(n)}`).join(", ") || "none"} (all runs, warm-up included)`);
  if (totals.firstError) console.log(`first error: ${totals.firstError}`);
}

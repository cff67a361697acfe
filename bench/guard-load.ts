import http from "node:http";
import { performance } from "node:perf_hooks";
import { guardRequestBody } from "./guard-request";

// Guard calls open loop at a fixed rate for as long as it runs: call i is due at start + i / rate,
// whatever happened to earlier ones, and its latency counts from that due time (no coordinated
// omission). Each call is filed under the phase that was current when it fell due; calls due while no
// phase is set (warm-up, a pause between phases) are sent but not kept.

export type GuardSample = { phase: string; ms: number; status: string };

export type GuardLoadOptions = { baseUrl: string; keys: string[]; rate: number; connections: number; sessions: number; timeoutS: number };

export type GuardLoad = {
  setPhase(phase: string | null): void;
  stop(): Promise<{ samples: GuardSample[]; maxLagMs: number; firstError?: string }>;
};

export function startGuardLoad(options: GuardLoadOptions): GuardLoad {
  const url = new URL(`${options.baseUrl}/api/v1/guard`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections, maxFreeSockets: options.connections });
  const runId = `burst-${Date.now().toString(36)}`;
  const samples: GuardSample[] = [];
  const inFlight = new Set<Promise<void>>();
  let phase: string | null = null;
  let firstError: string | undefined;
  let maxLagMs = 0; // the client's own lateness in sending (a starved load generator shows here)
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const send = (index: number, dueAt: number) => {
    const calledIn = phase;
    const body = guardRequestBody(index, runId, options.sessions);
    maxLagMs = Math.max(maxLagMs, performance.now() - dueAt);
    const done = new Promise<void>((resolve) => {
      const keep = (status: string) => {
        if (calledIn) samples.push({ phase: calledIn, ms: performance.now() - dueAt, status });
        resolve();
      };
      const request = http.request(
        url,
        {
          method: "POST",
          agent,
          headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), Authorization: `Bearer ${options.keys[index % options.keys.length]}` },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            if (response.statusCode !== 200) firstError ??= `HTTP ${response.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 300)}`;
            keep(String(response.statusCode));
          });
        },
      );
      request.setTimeout(options.timeoutS * 1000, () => request.destroy(new Error("timeout")));
      request.on("error", (error) => {
        firstError ??= `network: ${error.message}`;
        keep(error.message === "timeout" ? "timeout" : "network");
      });
      request.end(body);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };

  const start = performance.now();
  let next = 0;
  const tick = () => {
    if (stopped) return;
    const now = performance.now();
    while (start + (next * 1000) / options.rate <= now) {
      send(next, start + (next * 1000) / options.rate);
      next += 1;
    }
    timer = setTimeout(tick, Math.max(0, start + (next * 1000) / options.rate - performance.now()));
  };
  tick();

  return {
    setPhase(name) {
      phase = name;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.all(inFlight);
      agent.destroy();
      return { samples, maxLagMs, firstError };
    },
  };
}

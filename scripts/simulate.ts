// npm run simulate -- --rate 50 [--url http://localhost:3000] [--duration 60] [--scenarios claims,refund]
// Runs the demo fleet against a running Control Room: real OTLP over HTTP through the OpenTelemetry SDK.
import { parseArgs } from "node:util";
import { startSimulator, type Simulator } from "../lib/simulator/start-simulator";
import { listScenarios } from "../lib/simulator/registry";

const REPORT_EVERY_MS = 10_000;

const usage = `usage: npm run simulate -- [--rate <traces/s>] [--url <base url>] [--duration <seconds>] [--scenarios a,b]
  --rate        traces per second across the fleet (default 1)
  --url         the Control Room to send to (default http://localhost:3000)
  --duration    stop after this many seconds (default: until Ctrl-C)
  --scenarios   scenario names or agents (default: all): ${listScenarios().map((scenario) => scenario.name).join(", ")}
  --email, --password   admin to sign in as (default: the demo admin); or set CONTROLROOM_ADMIN_KEY`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      rate: { type: "string", default: "1" },
      url: { type: "string", default: "http://localhost:3000" },
      duration: { type: "string" },
      scenarios: { type: "string" },
      email: { type: "string" },
      password: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const rate = Number(values.rate);
  const duration = values.duration === undefined ? undefined : Number(values.duration);
  if (!(rate > 0) || (duration !== undefined && !(duration > 0))) throw new Error(`--rate and --duration must be positive numbers\n${usage}`);
  const adminKey = process.env.CONTROLROOM_ADMIN_KEY?.trim() || undefined;

  const simulator = await startSimulator({
    baseUrl: values.url!,
    rate,
    scenarios: values.scenarios?.split(","),
    credentials: adminKey ? { adminKey } : { email: values.email, password: values.password },
    log: (line) => console.log(line),
  });
  console.log(`sending ${rate} trace(s)/s to ${values.url} — scenarios: ${simulator.scenarios.join(", ")}${duration ? `, for ${duration} s` : ""} (Ctrl-C stops)`);
  const startedAt = Date.now();
  return new Promise<number>((resolve) => {
    let previous = simulator.stats();
    const report = setInterval(() => {
      const stats = simulator.stats();
      const seconds = REPORT_EVERY_MS / 1000;
      const traces = stats.tracesSent - previous.tracesSent;
      const spans = stats.spansSent - previous.spansSent;
      const failed = stats.spansFailed - previous.spansFailed;
      console.log(
        `${Math.round((Date.now() - startedAt) / 1000)}s: sent ${traces} traces, ${spans} spans (${(spans / seconds).toFixed(0)} spans/s)` +
          (failed ? `, ${failed} spans NOT accepted: ${stats.lastError}` : ""),
      );
      previous = stats;
    }, REPORT_EVERY_MS);
    // The handlers stay installed while stopping: a Ctrl-C reaches this process twice under npm/tsx
    // (from the terminal and relayed by the wrapper), and the second must not cut the flush short.
    let finishing = false;
    const finish = async () => {
      if (finishing) return;
      finishing = true;
      clearInterval(report);
      await stop(simulator);
      resolve(simulator.stats().spansFailed > 0 ? 1 : 0);
    };
    process.on("SIGINT", finish);
    process.on("SIGTERM", finish);
    if (duration) setTimeout(finish, duration * 1000);
  });
}

// Tasks already started still send their remaining spans (released early) before the process exits.
async function stop(simulator: Simulator) {
  console.log("stopping: flushing spans already recorded…");
  await simulator.stop();
  const stats = simulator.stats();
  console.log(`total: ${stats.tracesSent} traces, ${stats.spansSent} spans accepted${stats.spansFailed ? `, ${stats.spansFailed} spans not accepted (${stats.lastError})` : ""}`);
  console.log(`versions served: ${Object.entries(stats.served).sort().map(([version, tasks]) => `${version} ${tasks}`).join(", ") || "none"}`);
  const { noProductionVersion, configUnavailable } = stats.skipped;
  if (noProductionVersion || configUnavailable) console.log(`tasks skipped: ${noProductionVersion} with no production version, ${configUnavailable} without an answer to the config call`);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);

// npm run bench:ingest -- [--url http://localhost:3000] [--clients 4] [--duration 30] [--min-spans 100] [--max-spans 500]
// Sustained OTLP/protobuf ingest against a running Control Room (run it on the real PostgreSQL). Prints
// spans/s, request latency, 429/503 counts, and whether every accepted span was stored. Never fails on
// timing: it exits 1 only when spans were lost or the stored count differs.
import { parseArgs } from "node:util";
import { connectAdmin } from "../lib/simulator/admin-client";
import { prepareIngestAgent } from "./ingest-agent";
import { emptyTotals, mergeTotals, runClient } from "./ingest-client";
import { countStoredSpans } from "./stored-spans";
import { formatCount, formatMs, percentile } from "./stats";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://localhost:3000" },
    clients: { type: "string", default: "4" },
    duration: { type: "string", default: "30" },
    warmup: { type: "string", default: "3" },
    "min-spans": { type: "string", default: "100" },
    "max-spans": { type: "string", default: "500" },
    agent: { type: "string" },
    team: { type: "string" },
    email: { type: "string" },
    password: { type: "string" },
  },
});

const baseUrl = values.url!.replace(/\/$/, "");
const clients = Number(values.clients);
const durationS = Number(values.duration);
const warmupS = Number(values.warmup);
const minSpans = Number(values["min-spans"]);
const maxSpans = Number(values["max-spans"]);

async function main(): Promise<number> {
  const adminKey = process.env.CONTROLROOM_ADMIN_KEY?.trim() || undefined;
  const admin = await connectAdmin(baseUrl, adminKey ? { adminKey } : { email: values.email, password: values.password });
  const { agent, key } = await prepareIngestAgent(admin, { agent: values.agent, team: values.team });
  console.log(`ingest benchmark: ${clients} clients × ${minSpans}–${maxSpans} spans/batch for ${durationS} s (+${warmupS} s warm-up) → ${baseUrl} as ${agent}`);

  const started = Date.now();
  const measureFrom = started + warmupS * 1000;
  const until = measureFrom + durationS * 1000;
  const perClient = Array.from({ length: clients }, emptyTotals);
  const progress = setInterval(() => {
    const sent = perClient.reduce((sum, totals) => sum + totals.spansSent, 0);
    console.log(`  ${Math.round((Date.now() - started) / 1000)} s: ${formatCount(sent)} spans accepted`);
  }, 10_000);
  const url = `${baseUrl}/api/otlp/v1/traces`;
  await Promise.all(perClient.map((totals) => runClient({ url, key, agent, minSpans, maxSpans, measureFrom, until }, totals)));
  const measuredSeconds = (Date.now() - measureFrom) / 1000;
  clearInterval(progress);

  const totals = mergeTotals(perClient);
  console.log("");
  console.log(`sustained:     ${formatCount(totals.measuredSpans / measuredSeconds)} spans/s over ${measuredSeconds.toFixed(1)} s (target ≥ 20,000)`);
  console.log(`request p50:   ${formatMs(percentile(totals.latenciesMs, 50))}`);
  console.log(`request p99:   ${formatMs(percentile(totals.latenciesMs, 99))} (target ≤ 250 ms)   max ${formatMs(Math.max(...totals.latenciesMs))}`);
  console.log(`requests:      ${formatCount(totals.requests)} (429: ${totals.status429}, 503: ${totals.status503}, other errors: ${totals.otherErrors})`);
  console.log(`spans:         ${formatCount(totals.spansSent)} accepted, ${formatCount(totals.spansRejected)} rejected (partial success), ${formatCount(totals.spansLost)} given up after retries`);
  if (totals.firstError) console.log(`first error:   ${totals.firstError}`);

  const stored = await countStoredSpans(agent, admin);
  const verdict = stored.spans === totals.spansSent ? "OK, none lost" : `MISMATCH (${formatCount(totals.spansSent - stored.spans)} missing)`;
  console.log(`stored:        ${formatCount(stored.spans)} of ${formatCount(totals.spansSent)} accepted spans (${stored.via}): ${verdict}`);
  return stored.spans === totals.spansSent && totals.spansLost === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);

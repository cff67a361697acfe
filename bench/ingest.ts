// npm run bench:ingest -- [--url http://localhost:3000] [--clients 4] [--duration 30] [--min-spans 100] [--max-spans 500]
//                         [--floor] [--floor-db postgresql://…] [--rounds 2]
// Sustained OTLP/protobuf ingest against a running Control Room (run it on the real PostgreSQL). Prints
// spans/s, request latency, 429/503 counts, and whether every accepted span was stored. With --floor,
// each round first writes the same rows straight into a copy of the spans table with pg (the floor,
// bench/ingest-floor.ts; the server's database: DATABASE_URL or --floor-db), then runs ingest, and prints
// both rates and their ratio per round and overall. Never fails on timing: it exits 1 only when spans
// were lost or the stored count differs.
import { parseArgs } from "node:util";
import { connectAdmin } from "../lib/simulator/admin-client";
import { batchPool } from "./ingest-batches";
import { prepareIngestAgent } from "./ingest-agent";
import { emptyTotals, mergeTotals, runClient, type ClientTotals } from "./ingest-client";
import { FLOOR_TABLE, openFloor, type Floor } from "./ingest-floor";
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
    floor: { type: "boolean", default: false },
    "floor-db": { type: "string" },
    rounds: { type: "string", default: "1" },
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
const rounds = Number(values.rounds);
const floorUrl = values.floor || values["floor-db"] ? (values["floor-db"] ?? process.env.DATABASE_URL?.trim()) : undefined;

type Window = { measureFrom: number; until: number };
const nextWindow = (): Window => {
  const measureFrom = Date.now() + warmupS * 1000;
  return { measureFrom, until: measureFrom + durationS * 1000 };
};
const secondsSince = (from: number) => (Date.now() - from) / 1000;

async function main(): Promise<number> {
  if ((values.floor || values["floor-db"]) && !floorUrl) throw new Error("--floor writes into the server's database: set DATABASE_URL or pass --floor-db");
  const adminKey = process.env.CONTROLROOM_ADMIN_KEY?.trim() || undefined;
  const admin = await connectAdmin(baseUrl, adminKey ? { adminKey } : { email: values.email, password: values.password });
  const { agent, key } = await prepareIngestAgent(admin, { agent: values.agent, team: values.team });
  const pool = batchPool(agent, minSpans, maxSpans);
  const sizes = pool.templates.map((template) => template.spanCount).join("/");
  console.log(`ingest benchmark: ${clients} clients × batches of ${sizes} spans, ${rounds} round(s) of ${durationS} s (+${warmupS} s warm-up) → ${baseUrl} as ${agent}`);
  const floor = floorUrl ? await openFloor(floorUrl, agent, pool.templates) : undefined;
  if (floor) {
    console.log(`floor: the same rows, ${clients} pg writers, one multi-row INSERT per batch into ${FLOOR_TABLE} (LIKE spans INCLUDING ALL)`);
    // Larger indexes cost more per insert: compare on a fresh database, where both tables start empty.
    if (floor.existingSpans > 100_000) console.log(`  note: spans already holds ~${formatCount(floor.existingSpans)} rows and the floor's copy starts empty; use a fresh database for a fair ratio`);
  }

  if (floor && !(await floor.settle())) console.log("  note: this role may not run CHECKPOINT; phases may pay for each other's writes");
  const perRound: { floor?: number; ingest: number }[] = [];
  const allIngest: ClientTotals[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      const floorRate = floor ? await floorRound(floor, round) : undefined;
      await floor?.settle();
      const { rate, totals } = await ingestRound(agent, key, pool, round);
      allIngest.push(totals);
      perRound.push({ floor: floorRate, ingest: rate });
      if (floorRate) console.log(`round ${round}: ingest / floor = ${(rate / floorRate).toFixed(2)}×`);
      await floor?.settle();
    }
    if (floor) {
      const floorStored = await floor.storedRows();
      console.log(`floor stored:  ${formatCount(floorStored)} rows`);
    }
  } finally {
    await floor?.close();
  }

  const totals = mergeTotals(allIngest);
  console.log("");
  if (floor) {
    const mean = (list: number[]) => list.reduce((sum, value) => sum + value, 0) / list.length;
    const floorMean = mean(perRound.map((round) => round.floor!));
    const ingestMean = mean(perRound.map((round) => round.ingest));
    for (const [index, round] of perRound.entries()) {
      console.log(`round ${index + 1}:       floor ${formatCount(round.floor!)} rows/s, ingest ${formatCount(round.ingest)} spans/s, ratio ${(round.ingest / round.floor!).toFixed(2)}×`);
    }
    console.log(`overall:       floor ${formatCount(floorMean)} rows/s, ingest ${formatCount(ingestMean)} spans/s, ratio ${(ingestMean / floorMean).toFixed(2)}× (target ≥ 0.80×)`);
  }
  console.log(`requests:      ${formatCount(totals.requests)} (429: ${totals.status429}, 503: ${totals.status503}, other errors: ${totals.otherErrors})`);
  console.log(`spans:         ${formatCount(totals.spansSent)} accepted, ${formatCount(totals.spansRejected)} rejected (partial success), ${formatCount(totals.spansLost)} given up after retries`);
  if (totals.firstError) console.log(`first error:   ${totals.firstError}`);

  const stored = await countStoredSpans(agent, admin);
  const verdict = stored.spans === totals.spansSent ? "OK, none lost" : `MISMATCH (${formatCount(totals.spansSent - stored.spans)} missing)`;
  console.log(`stored:        ${formatCount(stored.spans)} of ${formatCount(totals.spansSent)} accepted spans (${stored.via}): ${verdict}`);
  return stored.spans === totals.spansSent && totals.spansLost === 0 ? 0 : 1;
}

async function floorRound(floor: Floor, round: number): Promise<number> {
  const window = nextWindow();
  const totals = await floor.run({ writers: clients, ...window });
  const rate = totals.measuredRows / secondsSince(window.measureFrom);
  console.log(
    `round ${round} floor:  ${formatCount(rate)} rows/s, statement p50 ${formatMs(percentile(totals.latenciesMs, 50))}, p99 ${formatMs(percentile(totals.latenciesMs, 99))}`,
  );
  return rate;
}

async function ingestRound(agent: string, key: string, pool: ReturnType<typeof batchPool>, round: number) {
  const window = nextWindow();
  const perClient = Array.from({ length: clients }, emptyTotals);
  const url = `${baseUrl}/api/otlp/v1/traces`;
  const nextBatch = () => {
    const template = pool.pick();
    return { body: template.next(), spanCount: template.spanCount };
  };
  await Promise.all(perClient.map((totals) => runClient({ url, key, agent, minSpans, maxSpans, nextBatch, ...window }, totals)));
  const totals = mergeTotals(perClient);
  const rate = totals.measuredSpans / secondsSince(window.measureFrom);
  console.log(
    `round ${round} ingest: ${formatCount(rate)} spans/s, request p50 ${formatMs(percentile(totals.latenciesMs, 50))}, p99 ${formatMs(percentile(totals.latenciesMs, 99))}` +
      ` (429: ${totals.status429}, 503: ${totals.status503})`,
  );
  return { rate, totals };
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);

import type { Tracer } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, type ReadableSpan, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { db } from "../db/client";
import type { SystemPrincipal } from "../auth/principal";
import { createAgentKey } from "../keys/create-key";
import { revokeKey } from "../keys/revoke-key";
import { claimsScenario } from "../simulator/scenarios/claims";
import { createSessionPool } from "../simulator/sessions";
import { presettableIds } from "../simulator/span-ids";
import { createWaitingSessions, type Clock } from "../simulator/waiting";
import type { GuardClient } from "../simulator/guard-client";
import type { ServedConfig } from "../simulator/config-client";
import { demoHistoryTimes } from "./backdate-history";
import { DEMO_HISTORY_AGENT, demoHistoryPlan, demoHistorySizes, historySizeFrom, type HistorySize, type HistoryTask } from "./demo-history";

export const HISTORY_KEY_NAME = "demo-history";
// Spans per OTLP request: about 1.5 MB of protobuf, far below the endpoint's 16 MB, and few enough
// that a request is stored in a second on a loaded machine.
const SPANS_PER_EXPORT = 2000;
const EXPORT_ATTEMPTS = 4;
const YIELD_EVERY = 10;

export type BackfillResult = { sent: number; skipped?: string; ms: number };

// Sends the claims agent's past (demo-history.ts) to a running Control Room the way the agent would
// have: its own API key, OTLP/protobuf over HTTP to /api/otlp/v1/traces, spans written by the
// simulator's claims scenario (retrieval, policy.lookup, model calls with tokens and costs, the
// outcome on the root span, controlroom.version = the version in production then), but with the
// task's past start time. Each request is awaited before the next, oldest tasks first, so the tasks
// are stored in the order they happened (drift monitoring reads them in that order and takes the
// first 1,000 as the baseline).
//
// The past's guard checks are not replayed (a decision cannot be backdated, and replaying them would
// spend today's budgets): its steps carry an "allow" verdict without a decision id.
//
// Resumable and idempotent: tasks already stored (counted in the history's time range) are not sent
// again, so a start interrupted halfway carries on at the next start, and a later start sends nothing.
export async function backfillDemoHistory(options: {
  baseUrl: string;
  principal: SystemPrincipal;
  size?: HistorySize; // default: CONTROLROOM_DEMO_HISTORY=small, else full (demo-history.ts)
  log?: (line: string) => void;
}): Promise<BackfillResult> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const times = await demoHistoryTimes();
  if (!times) return { sent: 0, skipped: "the claims agent's release history is not the demo's (not backdated)", ms: Date.now() - started };
  const size = demoHistorySizes[options.size ?? historySizeFrom()];
  const plan = demoHistoryPlan(times.releases.map((release) => ({ ...release, tasks: size.tasks[release.label] })), times.seededAt, size.seed);
  const stored = await db().trace.count({
    where: { agentId: times.agentId, startTime: { gte: new Date(times.releases[0].at), lte: new Date(times.seededAt) } },
  });
  if (stored >= plan.length) return { sent: 0, skipped: "already sent", ms: Date.now() - started };

  const configs = await servedConfigs(times.agentId);
  const { key, apiKey } = await createAgentKey(options.principal, DEMO_HISTORY_AGENT, { name: HISTORY_KEY_NAME });
  try {
    if (stored > 0) log(`claims history: ${stored} of ${plan.length} tasks were stored by an earlier start; sending the rest`);
    const sent = await sendTasks(options.baseUrl, key, plan.slice(stored), configs);
    return { sent, ms: Date.now() - started };
  } finally {
    await revokeKey(options.principal, apiKey.id).catch(() => {});
  }
}

async function sendTasks(baseUrl: string, key: string, tasks: HistoryTask[], configs: Map<string, ServedConfig>): Promise<number> {
  const exporter = new OTLPTraceExporter({ url: `${baseUrl.replace(/\/$/, "")}/api/otlp/v1/traces`, headers: { Authorization: `Bearer ${key}` }, timeoutMillis: 60_000 });
  const finished: ReadableSpan[] = [];
  const collect: SpanProcessor = {
    onStart: () => {},
    onEnd: (span) => void finished.push(span),
    forceFlush: async () => {},
    shutdown: async () => {},
  };
  const provider = new BasicTracerProvider({
    idGenerator: presettableIds,
    resource: resourceFromAttributes({ "service.name": DEMO_HISTORY_AGENT, "service.namespace": "demo-fleet", "deployment.environment.name": "demo" }),
    spanProcessors: [collect],
  });
  const tracer: Tracer = provider.getTracer("control-room-simulator", "1.0.0");
  const sessions = createSessionPool();
  const waiting = createWaitingSessions(Number.MAX_SAFE_INTEGER);
  let sent = 0;
  let batchTasks = 0;
  // One request in flight while the next batch is written (the server stores it meanwhile); each is
  // sent only after the previous one was stored, so the order holds.
  let inFlight: Promise<void> = Promise.resolve();
  let failure: Error | undefined;
  const flush = async () => {
    if (finished.length === 0) return;
    const spans = finished.splice(0);
    const tasksInBatch = batchTasks;
    batchTasks = 0;
    await inFlight;
    if (failure) throw failure;
    inFlight = exportSpans(exporter, spans).then(
      () => void (sent += tasksInBatch),
      (error: Error) => void (failure = error),
    );
  };
  try {
    for (const [i, task] of tasks.entries()) {
      const config = configs.get(task.label);
      if (!config) throw new Error(`the claims agent has no version ${task.label}`);
      const session = sessions.take(claimsScenario, task.at);
      const result = await claimsScenario.run(tracer, {
        startTime: task.at,
        session,
        guard: allowGuard,
        clock: pastClock(task.at),
        waiting,
        config,
        outcomeRoll: () => task.roll,
      });
      sessions.release(claimsScenario, session, result.endTime);
      batchTasks += 1;
      // Whole tasks per request: a task's root span ends last, after its children.
      if (finished.length >= SPANS_PER_EXPORT) await flush();
      // Writing tasks is CPU work on the server's own thread: let it answer requests (the batch in
      // flight, the live fleet's guard calls) between every few tasks.
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    await flush();
    await inFlight;
    if (failure) throw failure;
  } finally {
    await provider.shutdown().catch(() => {});
    await exporter.shutdown().catch(() => {});
  }
  return sent;
}

async function exportSpans(exporter: OTLPTraceExporter, spans: ReadableSpan[]) {
  for (let attempt = 1; ; attempt++) {
    const result = await new Promise<{ code: number; error?: Error }>((resolve) => exporter.export(spans, resolve));
    if (result.code === 0) return; // ExportResultCode.SUCCESS
    if (attempt >= EXPORT_ATTEMPTS) throw new Error(`the OTLP endpoint did not take the history's spans: ${result.error?.message ?? "export failed"}`);
    await new Promise((resolve) => setTimeout(resolve, 2000 * attempt));
  }
}

// What the config call would have served: the version's bundle as stored.
async function servedConfigs(agentId: string): Promise<Map<string, ServedConfig>> {
  const versions = await db().agentVersion.findMany({ where: { agentId } });
  return new Map(
    versions.map((version) => [
      version.label,
      {
        agent: DEMO_HISTORY_AGENT,
        version: { id: version.id, label: version.label, stage: "production" as const },
        model: version.model,
        prompt: version.prompt,
        params: (version.params ?? {}) as Record<string, unknown>,
        knowledgeBase: (version.knowledgeBase ?? null) as ServedConfig["knowledgeBase"],
        tools: (version.tools ?? []) as ServedConfig["tools"],
        policyVersion: version.policyVersion,
        sessionId: null,
      },
    ]),
  );
}

const allowGuard: GuardClient = {
  check: async () => ({ decisionId: "", verdict: "allow", reasons: [] }),
  decision: async (decisionId) => ({ decisionId, verdict: "allow", reasons: [] }),
};

// The task's own time: its steps follow one another from its start, nothing waits for real time.
function pastClock(start: number): Clock {
  let now = start;
  return { now: () => now, sleep: async (ms) => void (now += Math.max(0, ms)) };
}

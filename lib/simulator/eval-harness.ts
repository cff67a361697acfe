import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { connectAdmin, describeFailure, type AdminClient, type AdminCredentials } from "./admin-client";
import { provisionAgentKeys } from "./agent-keys";
import type { ServedConfig } from "./config-client";
import { delayUntilEnded } from "./delayed-processor";
import { countingExporter, type FleetStats } from "./fleet";
import { httpGuardClient } from "./guard-client";
import { listScenarios } from "./registry";
import { presettableIds } from "./span-ids";
import { createWaitingSessions, realClock } from "./waiting";
import type { Scenario } from "./types";

// The demo fleet's evaluation harness (`npm run eval`): what an agent team's own harness does, over the
// public API only. It starts a run of one version on the agent's gating suite (or a named suite), runs
// the version's bundle on each item through the agent's scenario — real OTLP with the agent's key, the
// root span naming the run and the item, the guard asked as in production — and completes the run.
// A held action is not waited for: the harness runs with a full review queue, so the agent hands such
// claims to an adjuster, as it does in production when reviewers are busy.

export const EVAL_KEY_NAME = "demo-eval-harness";

export type EvalHarnessOptions = {
  baseUrl: string;
  agent: string;
  version: string;
  suite?: string;
  credentials?: AdminCredentials;
  concurrency?: number;
  log?: (line: string) => void;
};

type Suite = { id: string; name: string; gating: boolean };
type StartedRun = { id: string; items: { itemId: string; input: string }[] };
export type CompletedRun = { id: string; status: "passed" | "failed"; passRate: number; threshold: { passRate: number }; scores: Record<string, number>; counts: { items: number; reported: number; passed: number } };

async function expect2xx(admin: AdminClient, method: string, path: string, body?: unknown) {
  const response = await admin.request(method, path, body);
  if (response.status < 200 || response.status >= 300) throw new Error(`${method} ${path}: ${describeFailure(response)}`);
  return response.body as Record<string, unknown>;
}

export async function runEvalHarness(options: EvalHarnessOptions): Promise<{ run: CompletedRun; suite: Suite; link: string }> {
  const log = options.log ?? (() => {});
  const replaying = listScenarios().filter((candidate) => candidate.replaysInput);
  const scenario = replaying.find((candidate) => candidate.agent === options.agent);
  if (!scenario) {
    throw new Error(`The demo harness runs agents whose simulated decisions follow from their input: ${replaying.map((s) => s.agent).join(", ")} (not "${options.agent}")`);
  }
  const admin = await connectAdmin(options.baseUrl, options.credentials);
  const slug = encodeURIComponent(options.agent);

  const { suites } = (await expect2xx(admin, "GET", `/api/v1/agents/${slug}/suites`)) as { suites: Suite[] };
  const suite = options.suite ? suites.find((candidate) => candidate.id === options.suite || candidate.name === options.suite) : suites.find((candidate) => candidate.gating);
  if (!suite) throw new Error(options.suite ? `${options.agent} has no suite "${options.suite}"` : `${options.agent} has no gating suite: create one and mark it as the gate, or pass --suite`);
  const { version } = (await expect2xx(admin, "GET", `/api/v1/agents/${slug}/versions/${encodeURIComponent(options.version)}`)) as { version: ServedConfig & { id: string; label: string } };
  const { run } = (await expect2xx(admin, "POST", "/api/v1/evals/runs", { suite: suite.id, version: version.label })) as { run: StartedRun };
  log(`run ${run.id}: ${options.agent} ${version.label} on suite "${suite.name}" (${run.items.length} items)`);

  const keys = await provisionAgentKeys(admin, [options.agent], log, EVAL_KEY_NAME);
  const key = keys[options.agent];
  const exported: FleetStats = { tracesSent: 0, spansSent: 0, spansFailed: 0 };
  const provider = new BasicTracerProvider({
    idGenerator: presettableIds,
    resource: resourceFromAttributes({ "service.name": options.agent, "service.namespace": "demo-eval", "controlroom.eval.run_id": run.id }),
    spanProcessors: [
      delayUntilEnded(
        new BatchSpanProcessor(countingExporter(new OTLPTraceExporter({ url: `${options.baseUrl.replace(/\/$/, "")}/api/otlp/v1/traces`, headers: { Authorization: `Bearer ${key}` }, timeoutMillis: 15_000 }), exported), { scheduledDelayMillis: 500, maxExportBatchSize: 512 }),
      ),
    ],
  });
  const tracer = provider.getTracer("control-room-eval-harness", "1.0.0");
  const config: ServedConfig = {
    agent: options.agent,
    version: { id: version.id, label: version.label, stage: "production" },
    model: version.model,
    prompt: version.prompt,
    params: version.params,
    knowledgeBase: version.knowledgeBase,
    tools: version.tools,
    policyVersion: version.policyVersion,
    sessionId: null,
  };
  const guard = httpGuardClient(options.baseUrl, key);
  const waiting = createWaitingSessions(0);
  const outcomes: Record<string, number> = {};
  const queue = [...run.items];
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const result = await runItem(scenario, tracer, { config, guard, waiting, runId: run.id, item });
      outcomes[result] = (outcomes[result] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  await provider.forceFlush();
  await provider.shutdown();
  // Spans Control Room did not accept would leave items without a result (they fail): say so, loudly.
  if (exported.spansFailed > 0) log(`WARNING: ${exported.spansFailed} span(s) were not accepted (${exported.lastError}); their items may have no result`);
  log(`ran ${run.items.length} items: ${Object.entries(outcomes).map(([outcome, count]) => `${outcome} ${count}`).join(", ")}`);

  const { run: completed } = (await expect2xx(admin, "POST", `/api/v1/evals/runs/${run.id}/complete`)) as { run: CompletedRun };
  return { run: completed, suite, link: `${options.baseUrl.replace(/\/$/, "")}/agents/${slug}/evaluations/runs/${run.id}` };
}

type ItemContext = { config: ServedConfig; guard: ReturnType<typeof httpGuardClient>; waiting: ReturnType<typeof createWaitingSessions>; runId: string; item: { itemId: string; input: string } };

async function runItem(scenario: Scenario, tracer: ReturnType<BasicTracerProvider["getTracer"]>, context: ItemContext): Promise<string> {
  const session = { id: `eval-${context.runId.slice(0, 8)}-${context.item.itemId.slice(0, 8)}`, turn: 1, turns: 1, history: [], memory: {} };
  const result = await scenario.run(tracer, {
    startTime: Date.now(),
    session,
    guard: context.guard,
    clock: realClock,
    waiting: context.waiting,
    config: context.config,
    evalItem: { runId: context.runId, itemId: context.item.itemId, input: context.item.input },
  });
  return result.outcome;
}

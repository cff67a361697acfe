import { ControlRoomError } from "./errors.js";
import type { Transport } from "./http.js";
import type { EvalItem, EvalResult, EvalRun } from "./types.js";

export type EvaluationOptions = {
  /** Start a new run of this suite (id) on `version`: needs an admin key (or a developer's session). */
  suite?: string;
  /** The version's label (v4); required with `suite`. */
  version?: string;
  /** Or go on with a run already started (e.g. by CI): the agent's own key may report and complete it. */
  runId?: string;
  /** Runs the version on one item. A throw, or a result the server refuses, leaves the item unreported (it fails as "no result") and is listed in `errors`. */
  task: (item: EvalItem) => Promise<EvalResult>;
  /** Items run at once. Default 1. */
  concurrency?: number;
  /** With runId: skip items that already have a result. Default true. */
  skipReported?: boolean;
  /** Score the run when every item ran. Default true. */
  complete?: boolean;
};

export type EvaluationOutcome = { run: EvalRun; reported: number; errors: { itemId: string; error: unknown }[] };

type StartedRun = EvalRun & { items: { itemId: string; input: string }[] };
type RunDetail = EvalRun & { items: { itemId: string; input: string; reportedAt: string | null }[] };

// DESIGN.md "Evaluations": Control Room never runs an agent; the agent's harness runs the version on each
// item and reports (POST /api/v1/evals/runs/{id}/results), then completes the run, which scores it.
export function createEvaluations(transport: Transport) {
  async function runEvaluation(options: EvaluationOptions): Promise<EvaluationOutcome> {
    const { runId, items, version } = await openRun(options);
    const errors: EvaluationOutcome["errors"] = [];
    let reported = 0;
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const item = items[next++]!;
        let result: EvalResult;
        try {
          result = await options.task({ itemId: item.itemId, input: item.input, runId, version });
        } catch (error) {
          errors.push({ itemId: item.itemId, error });
          continue;
        }
        try {
          // Reporting an item again replaces its result: safe to retry.
          await transport.json("POST", `/api/v1/evals/runs/${encodeURIComponent(runId)}/results`, { body: { itemId: item.itemId, ...pick(result) }, idempotent: true });
          reported++;
        } catch (error) {
          // A result the server refuses (e.g. 422: nothing to report) fails that item only; an outage stops the run.
          if (!(error instanceof ControlRoomError) || error.unavailable) throw error;
          errors.push({ itemId: item.itemId, error });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 1, items.length || 1)) }, worker));
    const run =
      options.complete === false
        ? (await transport.json<{ run: EvalRun }>("GET", `/api/v1/evals/runs/${encodeURIComponent(runId)}`, { idempotent: true })).run
        : (await transport.json<{ run: EvalRun }>("POST", `/api/v1/evals/runs/${encodeURIComponent(runId)}/complete`, { idempotent: true })).run;
    return { run: stripItems(run), reported, errors };
  }

  async function openRun(options: EvaluationOptions): Promise<{ runId: string; version: string; items: { itemId: string; input: string }[] }> {
    if (options.runId) {
      const { run } = await transport.json<{ run: RunDetail }>("GET", `/api/v1/evals/runs/${encodeURIComponent(options.runId)}`, { idempotent: true });
      const skip = options.skipReported ?? true;
      return { runId: run.id, version: run.version, items: run.items.filter((item) => !(skip && item.reportedAt)) };
    }
    if (!options.suite || !options.version) throw new TypeError("runEvaluation needs either runId, or suite and version");
    // Not retried once sent: a second start would be a second run.
    const { run } = await transport.json<{ run: StartedRun }>("POST", "/api/v1/evals/runs", { body: { suite: options.suite, version: options.version }, idempotent: false });
    return { runId: run.id, version: run.version, items: run.items };
  }

  return { runEvaluation };
}

const pick = (result: EvalResult): EvalResult => ({
  ...(result.output !== undefined ? { output: result.output } : {}),
  ...(result.outcome !== undefined ? { outcome: result.outcome } : {}),
  ...(result.traceId !== undefined ? { traceId: result.traceId } : {}),
});

function stripItems(run: EvalRun & { items?: unknown }): EvalRun {
  const { items: _items, ...rest } = run;
  return rest;
}

/** Root-span attributes that link an item's trace to its run when results go over OTLP instead. */
export const EVAL_RUN_ID_ATTRIBUTE = "controlroom.eval.run_id";
export const EVAL_ITEM_ID_ATTRIBUTE = "controlroom.eval.item_id";

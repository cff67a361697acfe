import { parsePayload } from "../../traces/messages";
import type { EvalResult, ToolCall } from "../evaluators/score";

// What an item's run did, from the harness's report and the trace of the run (pure, unit-tested):
// the answer, the outcome, the tools called, guard denies and holds, cost, latency and steps.

export type EvidenceTrace = {
  traceId: string;
  rootSpanId: string | null;
  outcome: string | null;
  costUsd: number;
  startTime: Date;
  endTime: Date;
  spanCount: number;
};
export type EvidenceSpan = { spanId: string; parentSpanId: string | null; kind: string; name: string; toolName: string | null; input: string | null; output: string | null; startTime: Date };
export type EvidenceReport = { output: string | null; outcome: string | null; reportedAt: Date | null };

// An answer recorded as chat messages reads as its last assistant text; anything else as recorded.
export function answerText(raw: string | null): string | null {
  const payload = parsePayload(raw);
  if (payload.kind === "empty") return null;
  if (payload.kind === "messages") {
    const texts = payload.messages
      .filter((message) => message.role === "assistant")
      .map((message) => message.parts.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n"))
      .filter((text) => text.trim().length > 0);
    return texts.at(-1) ?? raw;
  }
  return raw;
}

function toolParams(input: string | null): unknown {
  if (!input) return undefined;
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
}

/** null: nothing was reported for the item (it fails). */
export function evidenceOf(
  report: EvidenceReport,
  trace: EvidenceTrace | null,
  spans: EvidenceSpan[],
  guard: { denies: number; holds: number },
): EvalResult | null {
  if (!report.reportedAt && !trace) return null;
  const ordered = [...spans].sort((a, b) => a.startTime.getTime() - b.startTime.getTime() || a.spanId.localeCompare(b.spanId));
  const root = trace ? (ordered.find((span) => span.spanId === trace.rootSpanId) ?? ordered.find((span) => span.parentSpanId === null)) : undefined;
  const tools: ToolCall[] = ordered
    .filter((span) => span.kind === "tool")
    .map((span) => ({ name: span.toolName ?? span.name, params: toolParams(span.input) }));
  return {
    output: report.output ?? answerText(root?.output ?? null),
    outcome: report.outcome ?? trace?.outcome ?? null,
    tools,
    guard,
    costUsd: trace ? trace.costUsd : null,
    latencyMs: trace ? Math.max(0, trace.endTime.getTime() - trace.startTime.getTime()) : null,
    steps: trace ? trace.spanCount : null,
  };
}

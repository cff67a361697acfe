import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Tracer } from "@opentelemetry/api";
import { randomBytes } from "node:crypto";
import { writerFor } from "./dialects";
import { estimateTokens, isReasoningModel, msPerOutputToken, providerOf, supportsPromptCache } from "./models";
import { around, randomInt } from "./random";
import { dropEmpty } from "./spans";
import { messageText, type DialectWriter, type RetrievedDocument } from "./steps";
import type { GuardChannel, GuardUsage } from "./guard-client";
import { blockedMessage, denialOf, guardedCalls, verdictAttributes, type Denial } from "./guarded";
import { newSpanId, withSpanId } from "./span-ids";
import type { Dialect, Message, ScenarioContext, ScenarioResult } from "./types";

export type RunOptions = {
  agent: string;
  workflow: string;
  dialect: Dialect;
  version?: string;
  system: string; // the agent's system prompt, sent with every model call
  input: string; // what came in for this turn (a claim, an email, a request); screened as channel "user"
  toolDefinitionTokens?: number; // tool schemas sent with every model call
};

export type LlmCall = {
  model: string;
  reply?: string;
  toolCalls?: { name: string; arguments: Record<string, unknown> }[];
  providerRateLimited?: boolean; // the provider answers 429 first; the agent backs off and retries
  temperature?: number;
  attachedTokens?: number; // documents sent as files (a batch), counted by the provider but not in the transcript
};

// untrusted: the result carries outside text (an email, a web page, a customer's document), so it is
// screened as channel "tool" before the model sees it. Results of the company's own systems (an order,
// a policy record) are not: screening them would double the guard calls for nothing.
export type ToolCall = {
  name: string;
  description: string;
  arguments: Record<string, unknown>;
  result?: unknown;
  durationMs: number;
  error?: string;
  untrusted?: boolean;
};

// How the guard sees one tool call: the amount and decision type a gate may look at, and what the agent
// does when the tool's result is flagged as an injection: stop (default), drop the result and go on
// ("discard"), or — a naive agent — use it anyway ("ignore").
export type ToolGuard = { amount?: number; decisionType?: string; onResultDenied?: "stop" | "discard" | "ignore" };

export type RetrievalCall = { source: string; query: string; documents: RetrievedDocument[]; durationMs: number; embeddingModel?: string };

export type AgentRun = {
  stopped(): Denial | undefined; // the deny that ended the task, if any
  llm(call: LlmCall): void;
  tool(call: ToolCall, guard?: ToolGuard): Promise<boolean>; // false: the step did not run or its result was dropped
  retrieval(call: RetrievalCall): Promise<boolean>;
  wait(ms: number): void;
  finish(result: { outcome: string; reply?: string; error?: string }): Promise<ScenarioResult>;
};

// A task as a sequence of steps on a virtual clock: each step starts where the previous one ended,
// and every model call sees the conversation so far (so token counts grow the way real ones do).
// The agent asks the guard before each step (guarded.ts); after a deny every further step is a no-op
// and finish() ends the task as "stopped".
export async function startAgentRun(tracer: Tracer, ctx: ScenarioContext, options: RunOptions): Promise<AgentRun> {
  const rootInfo = {
    agent: options.agent,
    workflow: options.workflow,
    sessionId: ctx.session.id,
    turn: ctx.session.turn,
    input: options.input,
    version: options.version ?? "1.4.0",
  };
  const writer = writerFor(options.dialect, rootInfo);
  // The version the config call served this session, named on the root span (DESIGN.md) in every dialect.
  const evalIds = ctx.evalItem ? { "controlroom.eval.run_id": ctx.evalItem.runId, "controlroom.eval.item_id": ctx.evalItem.itemId } : {};
  const rootAttributes = { ...writer.rootAttributes(rootInfo), "controlroom.version": ctx.config.version.label, ...evalIds };
  const root = tracer.startSpan(
    `invoke_agent ${options.agent}`,
    { kind: SpanKind.INTERNAL, startTime: new Date(ctx.startTime), attributes: dropEmpty(rootAttributes) },
    ROOT_CONTEXT, // always a new trace, even if the host process has an active span (Next's own tracing)
  );
  const parent = trace.setSpan(ROOT_CONTEXT, root);
  const { traceId, spanId: rootSpanId } = root.spanContext();
  const userMessage: Message = { role: "user", parts: [{ type: "text", content: options.input }] };
  const transcript: Message[] = [...ctx.session.history, userMessage];
  const pendingCallIds = new Map<string, string>();
  const state = { cursor: ctx.startTime + around(25), spanCount: 1, modelCalls: 0 };
  let denial: Denial | undefined;
  const advance = (durationMs: number) => {
    const start = state.cursor;
    state.cursor = start + durationMs + around(12);
    return { start, end: start + durationMs };
  };
  const guard = guardedCalls(ctx, { sessionId: ctx.session.id, traceId, workflow: options.workflow }, { get: () => state.cursor, set: (ms) => (state.cursor = ms) });
  const screen = (text: string, channel: GuardChannel, spanId: string) => guard.ask({ check: "input", channel, text, spanId });

  const inputAnswer = await screen(options.input, "user", rootSpanId);
  root.setAttributes(dropEmpty(verdictAttributes(inputAnswer, 0, "controlroom.guard.input")));
  if (inputAnswer.verdict !== "allow") denial = denialOf(inputAnswer);

  return {
    stopped: () => denial,
    llm(call) {
      if (denial) return;
      if (call.providerRateLimited) {
        state.spanCount += writeModelCall(writer, tracer, parent, options, transcript, state, call, advance, "Rate limit reached for requests (429)").spans;
        state.cursor += around(900);
      }
      const written = writeModelCall(writer, tracer, parent, options, transcript, state, call, advance);
      state.spanCount += written.spans;
      guard.reportUsage(written.usage);
      const output = transcript[transcript.length - 1];
      for (const part of output.parts) if (part.type === "tool_call") pendingCallIds.set(part.name, part.id);
    },
    async tool(call, gate = {}) {
      if (denial) return false;
      const callId = pendingCallIds.get(call.name) ?? callIdentifier();
      pendingCallIds.delete(call.name);
      const spanId = newSpanId();
      const askedAt = state.cursor;
      const asked = await guard.ask({ check: "action", spanId, decisionType: gate.decisionType, action: { tool: call.name, params: call.arguments, amount: gate.amount } });
      const answer = await guard.settle(asked);
      const heldMs = asked.verdict === "hold" ? state.cursor - askedAt : 0;
      const attributes = { ...verdictAttributes(answer, heldMs), "controlroom.guard.held": asked.verdict === "hold" || undefined };
      if (answer.verdict !== "allow") {
        denial = denialOf(answer, asked.verdict === "hold");
        const end = state.cursor + around(4);
        state.cursor = end + around(12);
        const error = blockedMessage(denial);
        state.spanCount += withSpanId(spanId, () => writer.tool(tracer, parent, { ...call, callId, result: null, start: askedAt, end, error, attributes }));
        transcript.push({ role: "tool", parts: [{ type: "tool_call_response", id: callId, response: { error } }] });
        return false;
      }
      const end = advance(around(call.durationMs)).end;
      let usable = true;
      if (!call.error && call.untrusted) {
        // The tool's result goes back to the model: screened first, as channel "tool".
        const resultAnswer = await screen(typeof call.result === "string" ? call.result : JSON.stringify(call.result ?? null), "tool", spanId);
        Object.assign(attributes, verdictAttributes(resultAnswer, 0, "controlroom.guard.result"));
        if (resultAnswer.verdict !== "allow" && gate.onResultDenied !== "ignore") {
          usable = false;
          if (gate.onResultDenied !== "discard") denial = denialOf(resultAnswer);
        }
      }
      state.spanCount += withSpanId(spanId, () => writer.tool(tracer, parent, { ...call, callId, result: call.result ?? null, start: askedAt, end, attributes }));
      const response = call.error ? { error: call.error } : usable ? call.result : { withheld: "Control Room flagged this result as a prompt injection" };
      transcript.push({ role: "tool", parts: [{ type: "tool_call_response", id: callId, response }] });
      return usable && !call.error;
    },
    async retrieval(call) {
      if (denial) return false;
      // The query is embedded first, inside the retrieval span.
      const embeddingMs = call.embeddingModel ? around(90) : 0;
      const { start, end } = advance(Math.max(around(call.durationMs), embeddingMs + 20));
      const embedding = call.embeddingModel
        ? { model: call.embeddingModel, provider: providerOf(call.embeddingModel), inputTokens: estimateTokens(call.query), start: start + 3, end: start + 3 + embeddingMs }
        : undefined;
      const documentsText = call.documents.map((document) => `[${document.id}] ${document.content}`).join("\n");
      const spanId = newSpanId();
      const answer = await screen(documentsText, "retrieval", spanId);
      const attributes = verdictAttributes(answer, 0, "controlroom.guard.result");
      state.spanCount += withSpanId(spanId, () => writer.retrieval(tracer, parent, { source: call.source, query: call.query, documents: call.documents, start, end, embedding, attributes }));
      if (answer.verdict !== "allow") {
        denial = denialOf(answer);
        return false;
      }
      transcript.push({ role: "user", parts: [{ type: "text", content: `Relevant documents:\n${documentsText}` }] });
      return true;
    },
    wait(ms) {
      if (!denial) state.cursor += ms;
    },
    async finish({ outcome, reply, error }) {
      if (!denial && reply) {
        // The answer is screened before it is sent.
        const answer = await guard.ask({ check: "output", text: reply, spanId: rootSpanId });
        root.setAttributes(dropEmpty(verdictAttributes(answer, 0, "controlroom.guard.output")));
        if (answer.verdict !== "allow") denial = denialOf(answer);
      }
      if (denial) {
        outcome = denial.afterHold ? "not_approved" : "stopped";
        error = blockedMessage(denial);
        reply = undefined;
        root.setAttributes({ "controlroom.guard.stopped_by": denial.code });
      }
      root.setAttribute("controlroom.outcome", outcome);
      if (reply) root.setAttributes(dropEmpty(writer.rootOutput(reply)));
      if (error) {
        root.recordException({ name: "Error", message: error }, new Date(state.cursor));
        root.setStatus({ code: SpanStatusCode.ERROR, message: error });
      } else {
        root.setStatus({ code: SpanStatusCode.OK });
      }
      const endTime = state.cursor + around(15);
      root.end(new Date(endTime));
      ctx.session.history.push(userMessage, { role: "assistant", parts: [{ type: "text", content: reply ?? `(${outcome})` }] });
      return { endTime, spanCount: state.spanCount, outcome, stoppedBy: denial?.code, stopMessage: denial?.message };
    },
  };
}

// One model request: its input is the transcript so far; a successful answer joins the transcript.
function writeModelCall(
  writer: DialectWriter,
  tracer: Tracer,
  parent: Context,
  options: RunOptions,
  transcript: Message[],
  state: { modelCalls: number },
  call: LlmCall,
  advance: (ms: number) => { start: number; end: number },
  error?: string,
): { spans: number; usage: GuardUsage } {
  const output: Message = call.toolCalls?.length
    ? { role: "assistant", parts: call.toolCalls.map((tool) => ({ type: "tool_call", id: callIdentifier(), name: tool.name, arguments: tool.arguments })), finish_reason: "tool_call" }
    : { role: "assistant", parts: [{ type: "text", content: call.reply ?? "" }], finish_reason: "stop" };
  const promptPrefixTokens = estimateTokens(options.system) + (options.toolDefinitionTokens ?? 0);
  const inputTokens = promptPrefixTokens + (call.attachedTokens ?? 0) + transcript.reduce((sum, message) => sum + estimateTokens(messageText(message)) + 4, 0);
  const reasoningTokens = isReasoningModel(call.model) ? randomInt(64, 768) : 0;
  const outputTokens = estimateTokens(messageText(output)) + reasoningTokens;
  // Providers cache a repeated prompt prefix (system prompt + tool schemas) from the second call on.
  const cacheReadTokens = state.modelCalls > 0 && supportsPromptCache(call.model) && promptPrefixTokens >= 1024 ? Math.floor(promptPrefixTokens / 128) * 128 : 0;
  const duration = error ? around(350) : around(450) + Math.round(outputTokens * msPerOutputToken(call.model));
  const { start, end } = advance(duration);
  const written = writer.llm(tracer, parent, {
    model: call.model,
    provider: providerOf(call.model),
    system: options.system,
    input: [...transcript],
    output,
    inputTokens,
    outputTokens,
    cacheReadTokens,
    reasoningTokens,
    temperature: call.temperature ?? 0.2,
    responseId: `resp_${randomBytes(9).toString("hex")}`,
    start,
    end,
    error,
  });
  if (!error) {
    transcript.push(output);
    state.modelCalls += 1;
  }
  return { spans: written, usage: { model: call.model, inputTokens: error ? 0 : inputTokens, outputTokens: error ? 0 : outputTokens } };
}

const callIdentifier = () => `call_${randomBytes(8).toString("base64url")}`;

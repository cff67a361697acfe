import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Tracer } from "@opentelemetry/api";
import { randomBytes } from "node:crypto";
import { writerFor } from "./dialects";
import { estimateTokens, isReasoningModel, msPerOutputToken, providerOf, supportsPromptCache } from "./models";
import { around, randomInt } from "./random";
import { dropEmpty } from "./spans";
import { messageText, type DialectWriter, type RetrievedDocument } from "./steps";
import type { Dialect, Message, ScenarioContext, ScenarioResult } from "./types";

export type RunOptions = {
  agent: string;
  workflow: string;
  dialect: Dialect;
  version?: string;
  system: string; // the agent's system prompt, sent with every model call
  input: string; // what came in for this turn (a claim, an email, a request)
  toolDefinitionTokens?: number; // tool schemas sent with every model call
};

export type LlmCall = {
  model: string;
  reply?: string;
  toolCalls?: { name: string; arguments: Record<string, unknown> }[];
  providerRateLimited?: boolean; // the provider answers 429 first; the agent backs off and retries
  temperature?: number;
};

export type ToolCall = { name: string; description: string; arguments: Record<string, unknown>; result?: unknown; durationMs: number; error?: string };

export type RetrievalCall = { source: string; query: string; documents: RetrievedDocument[]; durationMs: number; embeddingModel?: string };

export type AgentRun = {
  llm(call: LlmCall): void;
  tool(call: ToolCall): void;
  retrieval(call: RetrievalCall): void;
  wait(ms: number): void;
  finish(result: { outcome: string; reply?: string; error?: string }): ScenarioResult;
};

// A task as a sequence of steps on a virtual clock: each step starts where the previous one ended,
// and every model call sees the conversation so far (so token counts grow the way real ones do).
export function startAgentRun(tracer: Tracer, ctx: ScenarioContext, options: RunOptions): AgentRun {
  const rootInfo = {
    agent: options.agent,
    workflow: options.workflow,
    sessionId: ctx.session.id,
    turn: ctx.session.turn,
    input: options.input,
    version: options.version ?? "1.4.0",
  };
  const writer = writerFor(options.dialect, rootInfo);
  const root = tracer.startSpan(
    `invoke_agent ${options.agent}`,
    { kind: SpanKind.INTERNAL, startTime: new Date(ctx.startTime), attributes: dropEmpty(writer.rootAttributes(rootInfo)) },
    ROOT_CONTEXT, // always a new trace, even if the host process has an active span (Next's own tracing)
  );
  const parent = trace.setSpan(ROOT_CONTEXT, root);
  const userMessage: Message = { role: "user", parts: [{ type: "text", content: options.input }] };
  const transcript: Message[] = [...ctx.session.history, userMessage];
  const pendingCallIds = new Map<string, string>();
  const state = { cursor: ctx.startTime + around(25), spanCount: 1, modelCalls: 0 };
  const advance = (durationMs: number) => {
    const start = state.cursor;
    state.cursor = start + durationMs + around(12);
    return { start, end: start + durationMs };
  };

  return {
    llm(call) {
      if (call.providerRateLimited) {
        state.spanCount += writeModelCall(writer, tracer, parent, options, transcript, state, call, advance, "Rate limit reached for requests (429)");
        state.cursor += around(900);
      }
      state.spanCount += writeModelCall(writer, tracer, parent, options, transcript, state, call, advance);
      const output = transcript[transcript.length - 1];
      for (const part of output.parts) if (part.type === "tool_call") pendingCallIds.set(part.name, part.id);
    },
    tool(call) {
      const callId = pendingCallIds.get(call.name) ?? callIdentifier();
      pendingCallIds.delete(call.name);
      const { start, end } = advance(around(call.durationMs));
      state.spanCount += writer.tool(tracer, parent, { ...call, callId, result: call.result ?? null, start, end });
      const response = call.error ? { error: call.error } : call.result;
      transcript.push({ role: "tool", parts: [{ type: "tool_call_response", id: callId, response }] });
    },
    retrieval(call) {
      // The query is embedded first, inside the retrieval span.
      const embeddingMs = call.embeddingModel ? around(90) : 0;
      const { start, end } = advance(Math.max(around(call.durationMs), embeddingMs + 20));
      const embedding = call.embeddingModel
        ? { model: call.embeddingModel, provider: providerOf(call.embeddingModel), inputTokens: estimateTokens(call.query), start: start + 3, end: start + 3 + embeddingMs }
        : undefined;
      state.spanCount += writer.retrieval(tracer, parent, { source: call.source, query: call.query, documents: call.documents, start, end, embedding });
      const documentsText = call.documents.map((document) => `[${document.id}] ${document.content}`).join("\n");
      transcript.push({ role: "user", parts: [{ type: "text", content: `Relevant documents:\n${documentsText}` }] });
    },
    wait(ms) {
      state.cursor += ms;
    },
    finish({ outcome, reply, error }) {
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
      return { endTime, spanCount: state.spanCount };
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
): number {
  const output: Message = call.toolCalls?.length
    ? { role: "assistant", parts: call.toolCalls.map((tool) => ({ type: "tool_call", id: callIdentifier(), name: tool.name, arguments: tool.arguments })), finish_reason: "tool_call" }
    : { role: "assistant", parts: [{ type: "text", content: call.reply ?? "" }], finish_reason: "stop" };
  const promptPrefixTokens = estimateTokens(options.system) + (options.toolDefinitionTokens ?? 0);
  const inputTokens = promptPrefixTokens + transcript.reduce((sum, message) => sum + estimateTokens(messageText(message)) + 4, 0);
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
  return written;
}

const callIdentifier = () => `call_${randomBytes(8).toString("base64url")}`;

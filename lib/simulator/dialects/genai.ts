import { SpanKind, type Attributes } from "@opentelemetry/api";
import { emitSpan, json } from "../spans";
import type { DialectWriter, LlmStep } from "../steps";

// OpenTelemetry GenAI semantic conventions (current names), or with `legacy` the deprecated names an
// older instrumentation still sends (gen_ai.system, gen_ai.usage.prompt_tokens/completion_tokens).
export function genAiWriter({ legacy }: { legacy: boolean }): DialectWriter {
  return {
    rootAttributes: (root) => ({
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.name": root.agent,
      "gen_ai.agent.version": root.version,
      "gen_ai.conversation.id": root.sessionId,
      "gen_ai.workflow.name": root.workflow,
      "controlroom.workflow": root.workflow,
      "controlroom.turn": root.turn,
      "gen_ai.input.messages": json([{ role: "user", parts: [{ type: "text", content: root.input }] }]),
    }),
    rootOutput: (reply) => ({ "gen_ai.output.messages": json([{ role: "assistant", parts: [{ type: "text", content: reply }], finish_reason: "stop" }]) }),
    llm(tracer, parent, step) {
      emitSpan(tracer, parent, {
        name: `chat ${step.model}`,
        kind: SpanKind.CLIENT,
        start: step.start,
        end: step.end,
        error: step.error,
        attributes: { ...llmAttributes(step, legacy), "error.type": step.error ? "rate_limit_exceeded" : undefined },
      });
      return 1;
    },
    tool(tracer, parent, step) {
      emitSpan(tracer, parent, {
        name: `execute_tool ${step.name}`,
        start: step.start,
        end: step.end,
        error: step.error,
        attributes: {
          "gen_ai.operation.name": "execute_tool",
          "gen_ai.tool.name": step.name,
          "gen_ai.tool.description": step.description,
          "gen_ai.tool.type": "function",
          "gen_ai.tool.call.id": step.callId,
          "gen_ai.tool.call.arguments": json(step.arguments),
          "gen_ai.tool.call.result": step.error ? undefined : json(step.result),
          "error.type": step.error ? "tool_error" : undefined,
          ...step.attributes,
        },
      });
      return 1;
    },
    retrieval(tracer, parent, step) {
      const retrieval = emitSpan(tracer, parent, {
        name: `retrieval ${step.source}`,
        kind: SpanKind.CLIENT,
        start: step.start,
        end: step.end,
        attributes: {
          "gen_ai.operation.name": "retrieval",
          "gen_ai.data_source.id": step.source,
          "gen_ai.retrieval.query.text": step.query,
          "gen_ai.retrieval.documents": json(step.documents),
          "gen_ai.retrieval.top_k": step.documents.length,
          ...step.attributes,
        },
      });
      if (!step.embedding) return 1;
      const embedding = step.embedding;
      emitSpan(tracer, retrieval, {
        name: `embeddings ${embedding.model}`,
        kind: SpanKind.CLIENT,
        start: embedding.start,
        end: embedding.end,
        attributes: {
          "gen_ai.operation.name": "embeddings",
          [legacy ? "gen_ai.system" : "gen_ai.provider.name"]: embedding.provider,
          "gen_ai.request.model": embedding.model,
          "gen_ai.response.model": embedding.model,
          [legacy ? "gen_ai.usage.prompt_tokens" : "gen_ai.usage.input_tokens"]: embedding.inputTokens,
          "gen_ai.embeddings.dimension.count": embedding.model.endsWith("large") ? 3072 : 1536,
        },
      });
      return 2;
    },
  };
}

function llmAttributes(step: LlmStep, legacy: boolean): Attributes {
  const finishReasons = step.output.finish_reason ? [step.output.finish_reason] : [];
  const common: Attributes = {
    "gen_ai.operation.name": "chat",
    "gen_ai.request.model": step.model,
    "gen_ai.request.temperature": step.temperature,
    "gen_ai.request.max_tokens": 4096,
    "gen_ai.response.model": step.error ? undefined : datedModel(step.model),
    "gen_ai.response.id": step.error ? undefined : step.responseId,
    "gen_ai.response.finish_reasons": step.error ? undefined : finishReasons,
    "gen_ai.system_instructions": json([{ type: "text", content: step.system }]),
    "gen_ai.input.messages": json(step.input),
    "gen_ai.output.messages": step.error ? undefined : json([step.output]),
  };
  if (step.error) return { ...common, [legacy ? "gen_ai.system" : "gen_ai.provider.name"]: step.provider };
  if (legacy) {
    return {
      ...common,
      "gen_ai.system": step.provider,
      "gen_ai.usage.prompt_tokens": step.inputTokens,
      "gen_ai.usage.completion_tokens": step.outputTokens,
    };
  }
  return {
    ...common,
    "gen_ai.provider.name": step.provider,
    "gen_ai.usage.input_tokens": step.inputTokens,
    "gen_ai.usage.output_tokens": step.outputTokens,
    "gen_ai.usage.cache_read.input_tokens": step.cacheReadTokens || undefined,
    "gen_ai.usage.reasoning.output_tokens": step.reasoningTokens || undefined,
  };
}

// Providers answer with a dated snapshot of the requested alias (gpt-4o → gpt-4o-2024-08-06); pricing
// must still find the alias's price.
const snapshots: Record<string, string> = {
  "gpt-4o": "gpt-4o-2024-08-06",
  "gpt-4o-mini": "gpt-4o-mini-2024-07-18",
  "gpt-4.1-mini": "gpt-4.1-mini-2025-04-14",
  "claude-sonnet-4-5": "claude-sonnet-4-5-20250929",
  "claude-haiku-4-5": "claude-haiku-4-5-20251001",
};
const datedModel = (model: string) => snapshots[model] ?? model;

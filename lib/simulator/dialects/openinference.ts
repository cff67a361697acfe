import { SpanKind, type Attributes } from "@opentelemetry/api";
import { emitSpan, json } from "../spans";
import { messageText, type DialectWriter, type LlmStep } from "../steps";
import type { Message } from "../types";

// OpenInference (Arize Phoenix, LangChain/LlamaIndex instrumentations): span kinds in
// openinference.span.kind, flattened llm.* message attributes, input.value/output.value.
export const openInferenceWriter: DialectWriter = {
  rootAttributes: (root) => ({
    "openinference.span.kind": "AGENT",
    "gen_ai.agent.name": root.agent,
    "agent.name": root.agent,
    "session.id": root.sessionId,
    "gen_ai.workflow.name": root.workflow,
    "controlroom.workflow": root.workflow,
    "controlroom.turn": root.turn,
    "input.value": root.input,
    "input.mime_type": "text/plain",
    metadata: json({ workflow: root.workflow, agent_version: root.version }),
  }),
  rootOutput: (reply) => ({ "output.value": reply, "output.mime_type": "text/plain" }),
  llm(tracer, parent, step) {
    emitSpan(tracer, parent, {
      name: step.provider === "anthropic" ? "Anthropic Messages" : "OpenAI Chat Completions",
      kind: SpanKind.CLIENT,
      start: step.start,
      end: step.end,
      error: step.error,
      attributes: llmAttributes(step),
    });
    return 1;
  },
  tool(tracer, parent, step) {
    emitSpan(tracer, parent, {
      name: step.name,
      start: step.start,
      end: step.end,
      error: step.error,
      attributes: {
        "openinference.span.kind": "TOOL",
        "tool.name": step.name,
        "tool.description": step.description,
        "tool.parameters": json({ type: "object", properties: Object.fromEntries(Object.keys(step.arguments).map((key) => [key, {}])) }),
        "input.value": json(step.arguments),
        "input.mime_type": "application/json",
        "output.value": step.error ? undefined : json(step.result),
        "output.mime_type": "application/json",
        ...step.attributes,
      },
    });
    return 1;
  },
  retrieval(tracer, parent, step) {
    const documents: Attributes = {};
    step.documents.forEach((document, index) => {
      documents[`retrieval.documents.${index}.document.id`] = document.id;
      documents[`retrieval.documents.${index}.document.score`] = document.score;
      documents[`retrieval.documents.${index}.document.content`] = document.content;
    });
    const retriever = emitSpan(tracer, parent, {
      name: "retrieve",
      start: step.start,
      end: step.end,
      attributes: { "openinference.span.kind": "RETRIEVER", "input.value": step.query, "input.mime_type": "text/plain", ...documents, ...step.attributes },
    });
    if (!step.embedding) return 1;
    emitSpan(tracer, retriever, {
      name: "embedding",
      kind: SpanKind.CLIENT,
      start: step.embedding.start,
      end: step.embedding.end,
      attributes: {
        "openinference.span.kind": "EMBEDDING",
        "embedding.model_name": step.embedding.model,
        "llm.token_count.prompt": step.embedding.inputTokens,
        "llm.token_count.total": step.embedding.inputTokens,
        "embedding.embeddings.0.embedding.text": step.query,
      },
    });
    return 2;
  },
};

function llmAttributes(step: LlmStep): Attributes {
  const attributes: Attributes = {
    "openinference.span.kind": "LLM",
    "llm.model_name": step.model,
    "llm.provider": step.provider === "anthropic" ? "anthropic" : "openai",
    "llm.system": step.provider === "anthropic" ? "anthropic" : "openai",
    "llm.invocation_parameters": json({ model: step.model, temperature: step.temperature, max_tokens: 4096 }),
    "input.value": json({ model: step.model, messages: [{ role: "system", content: step.system }, ...step.input.map(flat)] }),
    "input.mime_type": "application/json",
    ...flattenMessages("llm.input_messages", [{ role: "system", parts: [{ type: "text", content: step.system }] }, ...step.input]),
  };
  if (step.error) return attributes;
  return {
    ...attributes,
    ...flattenMessages("llm.output_messages", [step.output]),
    "output.value": json(flat(step.output)),
    "output.mime_type": "application/json",
    "llm.token_count.prompt": step.inputTokens,
    "llm.token_count.completion": step.outputTokens,
    "llm.token_count.total": step.inputTokens + step.outputTokens,
    "llm.token_count.prompt_details.cache_read": step.cacheReadTokens || undefined,
    "llm.token_count.completion_details.reasoning": step.reasoningTokens || undefined,
  };
}

type FlatMessage = { role: string; content: string };

function flattenMessages(prefix: string, messages: (Message | { role: "system"; parts: Message["parts"] })[]): Attributes {
  const attributes: Attributes = {};
  messages.forEach((message, index) => {
    const base = `${prefix}.${index}.message`;
    attributes[`${base}.role`] = message.role;
    const text = message.parts.filter((part) => part.type === "text").map((part) => (part.type === "text" ? part.content : "")).join("\n");
    if (text) attributes[`${base}.content`] = text;
    message.parts.forEach((part, callIndex) => {
      if (part.type !== "tool_call") return;
      attributes[`${base}.tool_calls.${callIndex}.tool_call.id`] = part.id;
      attributes[`${base}.tool_calls.${callIndex}.tool_call.function.name`] = part.name;
      attributes[`${base}.tool_calls.${callIndex}.tool_call.function.arguments`] = json(part.arguments);
    });
  });
  return attributes;
}

const flat = (message: Message): FlatMessage => ({ role: message.role, content: messageText(message) });

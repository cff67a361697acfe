import type { SpanKind } from "../span-model";
import type { OtlpAttributes } from "../otlp-types";
import { readCount, readPayload, readString, unflatten } from "./read";
import type { Dialect, DialectFields } from "./types";

// OpenInference (Arize Phoenix; the LangChain, LlamaIndex, OpenAI, Anthropic … instrumentations):
// the kind in openinference.span.kind, models and token counts under llm.*, payloads in
// input.value/output.value, and messages/documents flattened into indexed keys.

const kinds: Record<string, SpanKind> = {
  LLM: "llm",
  EMBEDDING: "llm",
  CHAIN: "workflow",
  TOOL: "tool",
  RETRIEVER: "retrieval",
  RERANKER: "retrieval",
  AGENT: "agent",
  GUARDRAIL: "other",
  EVALUATOR: "other",
  PROMPT: "other",
};

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === "object" && value !== null && !Array.isArray(value);

// [{ message: { role, content, tool_calls: [{ tool_call: { function: { name, arguments } } }] } }]
// → OpenAI-style [{ role, content, tool_calls: [{ function: { name, arguments } }] }].
function messagesAt(attributes: OtlpAttributes, prefix: string): string | undefined {
  const items = unflatten(attributes, prefix);
  if (!items) return undefined;
  const messages = items.map((item) => {
    const message = isObject(item) && isObject(item.message) ? item.message : {};
    const toolCalls = Array.isArray(message.tool_calls)
      ? message.tool_calls.map((call) => (isObject(call) && isObject(call.tool_call) ? call.tool_call : call))
      : undefined;
    const contents = Array.isArray(message.contents)
      ? message.contents.map((part) => (isObject(part) && isObject(part.message_content) ? part.message_content : part))
      : undefined;
    return { role: message.role ?? "unknown", content: message.content ?? contents, ...(toolCalls ? { tool_calls: toolCalls } : {}) };
  });
  return JSON.stringify(messages);
}

// retrieval.documents.N.document.{id,score,content,metadata} → [{ id, score, content, metadata }].
function documentsAt(attributes: OtlpAttributes, prefix: string): string | undefined {
  const items = unflatten(attributes, prefix);
  if (!items) return undefined;
  return JSON.stringify(items.map((item) => (isObject(item) && isObject(item.document) ? item.document : item)));
}

export const openInferenceDialect: Dialect = {
  name: "openinference",
  map({ attributes }): DialectFields {
    const declared = readString(attributes, "openinference.span.kind")?.toUpperCase();
    const kind = declared ? (kinds[declared] ?? "other") : readString(attributes, "llm.model_name") ? "llm" : undefined;
    const fields: DialectFields = {
      kind,
      model: readString(attributes, "llm.model_name", "embedding.model_name"),
      provider: readString(attributes, "llm.provider", "llm.system"),
      toolName: readString(attributes, "tool.name", "tool_call.function.name"),
      sessionId: readString(attributes, "session.id"),
      inputTokens: readCount(attributes, "llm.token_count.prompt"),
      outputTokens: readCount(attributes, "llm.token_count.completion"),
      cachedInputTokens: readCount(attributes, "llm.token_count.prompt_details.cache_read"),
      reasoningTokens: readCount(attributes, "llm.token_count.completion_details.reasoning"),
      // The structured messages first: input.value/output.value of an LLM span is the raw request or
      // response (often a framework's serialised objects), the messages are what was said.
      input:
        messagesAt(attributes, "llm.input_messages") ??
        readPayload(attributes, "input.value") ??
        (kind === "tool" ? readPayload(attributes, "tool_call.function.arguments", "tool.parameters") : undefined),
      output:
        messagesAt(attributes, "llm.output_messages") ??
        readPayload(attributes, "output.value") ??
        (kind === "retrieval" ? documentsAt(attributes, "retrieval.documents") ?? documentsAt(attributes, "reranker.output_documents") : undefined),
    };
    return fields;
  },
};

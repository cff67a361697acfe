import type { SpanKind } from "../span-model";
import type { OtlpAttributes } from "../otlp-types";
import { genAiInput, genAiOutput } from "./genai-messages";
import { nameAfter, readCount, readPayload, readString } from "./read";
import type { Dialect, DialectFields } from "./types";

// OpenTelemetry GenAI semantic conventions, current and deprecated names, plus the OpenLLMetry
// (Traceloop) extras that ride along with them (traceloop.span.kind, traceloop.workflow.name,
// traceloop.entity.input/output, llm.request.type).

const operationKinds: Record<string, SpanKind> = {
  chat: "llm",
  text_completion: "llm",
  generate_content: "llm",
  completion: "llm",
  embeddings: "llm",
  execute_tool: "tool",
  invoke_agent: "agent",
  create_agent: "agent",
  invoke_workflow: "workflow",
  retrieval: "retrieval",
  retrieve: "retrieval",
};

// Span names the conventions prescribe ("{operation} {model|tool|agent}") imply the operation.
const NAME_OPERATION = /^(chat|text_completion|generate_content|embeddings|execute_tool|invoke_agent|create_agent|invoke_workflow|retrieval|retrieve)(?: |$)/;

const traceloopKinds: Record<string, SpanKind> = { workflow: "workflow", task: "workflow", agent: "agent", tool: "tool" };

const requestTypeKinds: Record<string, SpanKind> = { chat: "llm", completion: "llm", embedding: "llm", rerank: "retrieval" };

function operationOf(attributes: OtlpAttributes, spanName: string): string | undefined {
  const operation = readString(attributes, "gen_ai.operation.name");
  if (operation) return operation;
  return NAME_OPERATION.exec(spanName)?.[1];
}

function kindOf(attributes: OtlpAttributes, operation: string | undefined): SpanKind | undefined {
  if (operation && operationKinds[operation]) return operationKinds[operation];
  const traceloopKind = readString(attributes, "traceloop.span.kind");
  if (traceloopKind && traceloopKinds[traceloopKind]) return traceloopKinds[traceloopKind];
  const requestType = readString(attributes, "llm.request.type");
  if (requestType && requestTypeKinds[requestType]) return requestTypeKinds[requestType];
  if (readString(attributes, "gen_ai.tool.name")) return "tool";
  if (readString(attributes, "gen_ai.data_source.id", "gen_ai.retrieval.query.text")) return "retrieval";
  if (readString(attributes, "gen_ai.request.model", "gen_ai.response.model")) return "llm";
  return undefined;
}

export const genAiDialect: Dialect = {
  name: "opentelemetry-genai",
  map({ span, attributes }): DialectFields {
    const operation = operationOf(attributes, span.name);
    const kind = kindOf(attributes, operation);
    const modelFromName = operation && operationKinds[operation] === "llm" ? nameAfter(span.name, operation) : undefined;
    const fields: DialectFields = {
      kind,
      model: readString(attributes, "gen_ai.request.model", "gen_ai.response.model") ?? modelFromName,
      responseModel: readString(attributes, "gen_ai.response.model"),
      provider: readString(attributes, "gen_ai.provider.name", "gen_ai.system"),
      toolName: readString(attributes, "gen_ai.tool.name") ?? (operation === "execute_tool" ? nameAfter(span.name, operation) : undefined),
      sessionId: readString(attributes, "gen_ai.conversation.id"),
      workflow: readString(attributes, "gen_ai.workflow.name", "traceloop.workflow.name"),
      inputTokens: readCount(attributes, "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"),
      outputTokens: readCount(attributes, "gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"),
      cachedInputTokens: readCount(
        attributes,
        "gen_ai.usage.cache_read.input_tokens",
        "gen_ai.usage.cache_read_input_tokens",
        "gen_ai.usage.input_tokens.cached",
        "gen_ai.usage.cached_input_tokens",
      ),
      reasoningTokens: readCount(
        attributes,
        "gen_ai.usage.reasoning.output_tokens",
        "gen_ai.usage.reasoning_tokens",
        "gen_ai.usage.output_tokens.reasoning",
      ),
    };
    if (kind === "tool") {
      fields.input = readPayload(attributes, "gen_ai.tool.call.arguments", "traceloop.entity.input");
      fields.output = readPayload(attributes, "gen_ai.tool.call.result", "traceloop.entity.output");
    } else if (kind === "retrieval") {
      fields.input = readPayload(attributes, "gen_ai.retrieval.query.text", "gen_ai.retrieval.query", "traceloop.entity.input");
      fields.output = readPayload(attributes, "gen_ai.retrieval.documents", "traceloop.entity.output");
    } else {
      fields.input = genAiInput(attributes, span.events) ?? readPayload(attributes, "traceloop.entity.input");
      fields.output = genAiOutput(attributes, span.events) ?? readPayload(attributes, "traceloop.entity.output");
    }
    return fields;
  },
};

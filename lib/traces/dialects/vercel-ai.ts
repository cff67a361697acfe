import type { SpanKind } from "../span-model";
import type { OtlpAttributes } from "../otlp-types";
import { readCount, readPayload, readString } from "./read";
import type { Dialect, DialectFields } from "./types";

// The Vercel AI SDK's telemetry (experimental_telemetry). Each generateText/streamText/… call is an
// outer span (ai.generateText) holding one inner span per provider request (ai.generateText.doGenerate)
// and ai.toolCall spans. Outer and inner spans report the same usage, so tokens count on the inner
// spans only — the model calls — and the outer span becomes a workflow step with its usage left in
// the raw attributes. Otherwise every trace would bill each call twice.

const OUTER = /^ai\.(generateText|streamText|generateObject|streamObject|embed|embedMany)$/;
const INNER = /^ai\.(generateText|streamText|generateObject|streamObject|embed|embedMany)\.do(Generate|Stream|Embed)$/;

function operationOf(attributes: OtlpAttributes, spanName: string): string | undefined {
  const operation = readString(attributes, "ai.operationId");
  if (operation) return operation;
  return spanName.startsWith("ai.") ? spanName.split(" ")[0] : undefined;
}

function kindOf(operation: string): SpanKind | undefined {
  if (operation === "ai.toolCall") return "tool";
  if (INNER.test(operation)) return "llm";
  if (OUTER.test(operation)) return "workflow";
  return undefined;
}

type Loose = Record<string, unknown>;

// ai.response.toolCalls ([{ toolCallId, toolName, args|input }]) → an assistant message with OpenAI-style
// tool calls, beside the text when there is some.
function responseOutput(attributes: OtlpAttributes): string | undefined {
  const text = readPayload(attributes, "ai.response.text", "ai.result.text");
  const toolCallsText = readPayload(attributes, "ai.response.toolCalls", "ai.result.toolCalls");
  if (!toolCallsText) return text ?? readPayload(attributes, "ai.response.object", "ai.result.object");
  let calls: unknown;
  try {
    calls = JSON.parse(toolCallsText);
  } catch {
    return toolCallsText;
  }
  if (!Array.isArray(calls)) return toolCallsText;
  const toolCalls = calls.map((call: Loose) => ({
    id: call.toolCallId,
    function: { name: call.toolName, arguments: call.args ?? call.input },
  }));
  return JSON.stringify([{ role: "assistant", content: text ?? null, tool_calls: toolCalls }]);
}

export const vercelAiDialect: Dialect = {
  name: "vercel-ai-sdk",
  map({ span, attributes }): DialectFields {
    const operation = operationOf(attributes, span.name);
    const metadata = {
      sessionId: readString(attributes, "ai.telemetry.metadata.sessionId", "ai.telemetry.metadata.session_id", "ai.telemetry.metadata.conversationId"),
      workflow: readString(attributes, "ai.telemetry.metadata.workflow"),
    };
    if (!operation) return metadata;
    const kind = kindOf(operation);
    const provider = readString(attributes, "ai.model.provider")?.split(".")[0];
    const fields: DialectFields = {
      ...metadata,
      kind,
      model: readString(attributes, "ai.model.id"),
      responseModel: readString(attributes, "ai.response.model"),
      provider,
    };
    if (kind === "tool") {
      fields.toolName = readString(attributes, "ai.toolCall.name");
      fields.input = readPayload(attributes, "ai.toolCall.args", "ai.toolCall.input");
      fields.output = readPayload(attributes, "ai.toolCall.result", "ai.toolCall.output");
      return fields;
    }
    if (kind === "llm") {
      fields.inputTokens = readCount(attributes, "ai.usage.inputTokens", "ai.usage.promptTokens", "ai.usage.tokens");
      fields.outputTokens = readCount(attributes, "ai.usage.outputTokens", "ai.usage.completionTokens");
      fields.cachedInputTokens = readCount(attributes, "ai.usage.cachedInputTokens");
      fields.reasoningTokens = readCount(attributes, "ai.usage.reasoningTokens");
    } else if (kind === "workflow") {
      fields.inputTokens = fields.outputTokens = fields.cachedInputTokens = fields.reasoningTokens = null;
    }
    fields.input = readPayload(attributes, "ai.prompt.messages", "ai.prompt", "ai.values", "ai.value");
    fields.output = responseOutput(attributes);
    return fields;
  },
};

import { SpanKind } from "@opentelemetry/api";
import { emitSpan, json } from "../spans";
import { messageText, type DialectWriter, type RootInfo } from "../steps";

// The Vercel AI SDK's built-in telemetry (experimental_telemetry): an outer ai.generateText span per
// call with the call's total usage, an inner ai.generateText.doGenerate span per model request, and
// ai.toolCall spans. The outer and inner spans both report the same tokens, as the real SDK does.
// The app passes its workflow as functionId and the session in the telemetry metadata.
export function vercelAiWriter(root: RootInfo): DialectWriter {
  const functionId = root.workflow;
  const telemetry = { "ai.telemetry.functionId": functionId, "ai.telemetry.metadata.sessionId": root.sessionId };
  return {
    rootAttributes: (root) => ({
      "gen_ai.agent.name": root.agent,
      "session.id": root.sessionId,
      "controlroom.workflow": root.workflow,
      "controlroom.turn": root.turn,
      "controlroom.agent.version": root.version,
      "input.value": root.input,
    }),
    rootOutput: (reply) => ({ "output.value": reply }),
    llm(tracer, parent, step) {
      const modelProvider = `${step.provider}.chat`;
      const toolCalls = step.output.parts.filter((part) => part.type === "tool_call");
      const response = step.error
        ? {}
        : {
            "ai.response.text": toolCalls.length ? undefined : messageText(step.output),
            "ai.response.toolCalls": toolCalls.length
              ? json(toolCalls.map((call) => (call.type === "tool_call" ? { toolCallType: "function", toolCallId: call.id, toolName: call.name, args: json(call.arguments) } : null)))
              : undefined,
            "ai.response.finishReason": toolCalls.length ? "tool-calls" : "stop",
            "ai.usage.promptTokens": step.inputTokens,
            "ai.usage.completionTokens": step.outputTokens,
          };
      const outer = emitSpan(tracer, parent, {
        name: "ai.generateText",
        start: step.start,
        end: step.end,
        error: step.error,
        attributes: {
          "operation.name": `ai.generateText ${functionId}`,
          "ai.operationId": "ai.generateText",
          "ai.model.id": step.model,
          "ai.model.provider": modelProvider,
          ...telemetry,
          "ai.prompt": json({ system: step.system, messages: step.input.map((message) => ({ role: message.role, content: messageText(message) })) }),
          "ai.settings.maxRetries": 2,
          ...response,
        },
      });
      emitSpan(tracer, outer, {
        name: "ai.generateText.doGenerate",
        kind: SpanKind.CLIENT,
        start: step.start + 2,
        end: step.end - 1,
        error: step.error,
        attributes: {
          "operation.name": `ai.generateText.doGenerate ${functionId}`,
          "ai.operationId": "ai.generateText.doGenerate",
          "ai.model.id": step.model,
          "ai.model.provider": modelProvider,
          ...telemetry,
          "ai.prompt.format": "messages",
          "ai.prompt.messages": json([{ role: "system", content: step.system }, ...step.input.map((message) => ({ role: message.role, content: messageText(message) }))]),
          "ai.settings.temperature": step.temperature,
          "ai.response.id": step.error ? undefined : step.responseId,
          "ai.response.model": step.error ? undefined : step.model,
          ...response,
          "gen_ai.system": step.provider,
          "gen_ai.request.model": step.model,
          "gen_ai.request.temperature": step.temperature,
          "gen_ai.response.model": step.error ? undefined : step.model,
          "gen_ai.response.id": step.error ? undefined : step.responseId,
          "gen_ai.usage.input_tokens": step.error ? undefined : step.inputTokens,
          "gen_ai.usage.output_tokens": step.error ? undefined : step.outputTokens,
        },
      });
      return 2;
    },
    tool(tracer, parent, step) {
      emitSpan(tracer, parent, {
        name: "ai.toolCall",
        start: step.start,
        end: step.end,
        error: step.error,
        attributes: {
          "operation.name": "ai.toolCall",
          "ai.operationId": "ai.toolCall",
          "ai.toolCall.name": step.name,
          "ai.toolCall.id": step.callId,
          "ai.toolCall.args": json(step.arguments),
          "ai.toolCall.result": step.error ? undefined : json(step.result),
          ...step.attributes,
        },
      });
      return 1;
    },
    retrieval(tracer, parent, step) {
      const retrieval = emitSpan(tracer, parent, {
        name: `retrieval ${step.source}`,
        start: step.start,
        end: step.end,
        attributes: {
          "gen_ai.operation.name": "retrieval",
          "gen_ai.data_source.id": step.source,
          "gen_ai.retrieval.query.text": step.query,
          "gen_ai.retrieval.documents": json(step.documents),
          ...step.attributes,
        },
      });
      if (!step.embedding) return 1;
      const embedding = step.embedding;
      const embed = {
        "ai.model.id": embedding.model,
        "ai.model.provider": `${embedding.provider}.embedding`,
        "ai.value": json(step.query),
        "ai.usage.tokens": embedding.inputTokens,
        ...telemetry,
      };
      const outer = emitSpan(tracer, retrieval, {
        name: "ai.embed",
        start: embedding.start,
        end: embedding.end,
        attributes: { "operation.name": `ai.embed ${functionId}`, "ai.operationId": "ai.embed", ...embed },
      });
      emitSpan(tracer, outer, {
        name: "ai.embed.doEmbed",
        kind: SpanKind.CLIENT,
        start: embedding.start + 1,
        end: embedding.end - 1,
        attributes: { "operation.name": `ai.embed.doEmbed ${functionId}`, "ai.operationId": "ai.embed.doEmbed", ...embed },
      });
      return 3;
    },
  };
}

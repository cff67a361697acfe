import { describe, expect, it } from "vitest";
import { parsePayload } from "../messages";
import { loadFixture, spanOf } from "./fixtures/load";

describe("OpenTelemetry GenAI (current names)", async () => {
  const spans = await loadFixture("genai.json");

  it("maps the invoke_agent root: kind, session, workflow, outcome, messages", () => {
    const root = spanOf(spans, "eee19b7ec3c1b174");
    expect(root).toMatchObject({
      traceId: "5b8efff798038103d269b633813fc60c", // upper-case hex in the payload
      parentSpanId: null,
      kind: "agent",
      sessionId: "conv_7f3a",
      workflow: "claims-intake",
      outcome: "approved",
      status: "ok",
      service: "claims-agent",
      model: null,
    });
    expect(root.endTimeUnixNano).toBe(1764000004250123456n);
    expect(root.endTime.toISOString()).toBe("2025-11-24T16:00:04.250Z");
    expect(parsePayload(root.input)).toMatchObject({ kind: "messages", messages: [{ role: "user" }] });
  });

  it("maps a chat span: models, provider, tokens including cache and reasoning, messages", () => {
    const chat = spanOf(spans, "b7ad6b7169203331");
    expect(chat).toMatchObject({
      kind: "llm",
      model: "gpt-4o",
      responseModel: "gpt-4o-2024-08-06",
      provider: "openai",
      inputTokens: 1840,
      outputTokens: 96,
      cachedInputTokens: 1024,
      reasoningTokens: 0,
      status: "unset",
    });
    const input = parsePayload(chat.input);
    expect(input.kind === "messages" && input.messages.map((message) => message.role)).toEqual(["user"]);
    const output = parsePayload(chat.output);
    expect(output.kind === "messages" && output.messages[0].parts[0]).toMatchObject({ type: "tool_call", name: "lookup_policy" });
    // Payloads are the attributes' own text, unchanged (storage sends them once, by key).
    expect(chat.input).toBe(chat.attributes["gen_ai.input.messages"]);
    // Raw attributes are kept whole, typed.
    expect(chat.attributes["gen_ai.request.temperature"]).toBe(0.2);
    expect(chat.attributes["gen_ai.response.finish_reasons"]).toEqual(["tool_calls"]);
  });

  it("maps execute_tool: tool name, arguments and a structured result", () => {
    const tool = spanOf(spans, "0a1b2c3d4e5f6071");
    expect(tool).toMatchObject({ kind: "tool", toolName: "lookup_policy", input: '{"policy":"P-1182"}', status: "ok" });
    expect(JSON.parse(tool.output ?? "")).toEqual({ status: "active", deductible: 250 });
  });

  it("maps retrieval and embeddings", () => {
    expect(spanOf(spans, "1122334455667788")).toMatchObject({ kind: "retrieval", input: "windshield coverage", output: '[{"id":"kb-12","score":0.91}]' });
    expect(spanOf(spans, "99aabbccddeeff00")).toMatchObject({ kind: "llm", model: "text-embedding-3-small", inputTokens: 6, outputTokens: null });
  });

  it("takes the model from a `chat {model}` span name and an error from error.type and the exception event", () => {
    const failed = spanOf(spans, "abcdefabcdef0001");
    expect(failed).toMatchObject({
      kind: "llm",
      model: "claude-sonnet-4-5",
      provider: "anthropic",
      status: "error",
      statusMessage: "Rate limit reached for requests (429)",
    });
    expect(failed.events[0]).toMatchObject({ name: "exception", time: "2025-11-24T16:00:04.199000Z" });
  });
});

describe("OpenTelemetry GenAI (deprecated names, snake_case OTLP/JSON, OpenLLMetry)", async () => {
  const spans = await loadFixture("genai-deprecated.json");

  it("reads gen_ai.system, prompt/completion tokens and the per-message events", () => {
    const chat = spanOf(spans, "b9c7c989f97918e1");
    expect(chat).toMatchObject({
      kind: "llm",
      provider: "openai",
      model: "gpt-4o-mini",
      inputTokens: 312,
      outputTokens: 41,
      sessionId: "sess-42",
      status: "ok",
      service: "support-bot",
      parentSpanId: null,
    });
    const input = parsePayload(chat.input);
    expect(input.kind === "messages" && input.messages.map((message) => message.role)).toEqual(["system", "user"]);
    const output = parsePayload(chat.output);
    expect(output.kind === "messages" && output.messages[0]).toEqual({
      role: "assistant",
      parts: [{ type: "text", text: "The second charge is a pending authorization." }],
    });
  });

  it("reads OpenLLMetry's flattened gen_ai.prompt.N / gen_ai.completion.N and enum names", () => {
    const chat = spanOf(spans, "c0ffee00c0ffee01");
    expect(chat).toMatchObject({
      kind: "llm",
      model: "claude-haiku-4-5",
      cachedInputTokens: 100,
      status: "error",
      statusMessage: "upstream timeout",
      parentSpanId: "b9c7c989f97918e1",
    });
    expect(JSON.parse(chat.input ?? "")).toEqual([{ role: "user", content: "Refund order 1182" }]);
    expect(JSON.parse(chat.output ?? "")).toEqual([{ role: "assistant", content: "Refund issued.", finish_reason: "end_turn" }]);
  });
});

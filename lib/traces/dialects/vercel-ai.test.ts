import { describe, expect, it } from "vitest";
import { parsePayload } from "../messages";
import { loadFixture, spanOf } from "./fixtures/load";

describe("Vercel AI SDK", async () => {
  const spans = await loadFixture("vercel-ai.json");

  it("counts tokens on the provider calls, not on the outer call that repeats them", () => {
    const outer = spanOf(spans, "6e0c63257de34c92");
    expect(outer).toMatchObject({
      kind: "workflow",
      model: "gpt-4o",
      provider: "openai",
      inputTokens: null,
      outputTokens: null,
      sessionId: "chat-1207",
      workflow: "support-reply", // ai.telemetry.functionId
      output: "It is out for delivery today.",
    });
    expect(outer.attributes["ai.usage.promptTokens"]).toBe(900); // still in the raw attributes
    const calls = [spanOf(spans, "7f1d74368ef45da3"), spanOf(spans, "913f96580a167fc5")];
    expect(calls.map((call) => [call.kind, call.inputTokens, call.outputTokens])).toEqual([
      ["llm", 410, 22],
      ["llm", 490, 38],
    ]);
    expect(calls[0]).toMatchObject({ model: "gpt-4o", responseModel: "gpt-4o-2024-08-06", provider: "openai" });
  });

  it("reads prompt messages and tool calls of a doGenerate span", () => {
    const call = spanOf(spans, "7f1d74368ef45da3");
    const input = parsePayload(call.input);
    expect(input.kind === "messages" && input.messages.map((message) => message.role)).toEqual(["system", "user"]);
    const output = parsePayload(call.output);
    expect(output.kind === "messages" && output.messages[0].parts).toEqual([
      { type: "tool_call", name: "track_parcel", arguments: { order: "A-77" } },
    ]);
  });

  it("maps ai.toolCall", () => {
    expect(spanOf(spans, "802e85479f056eb4")).toMatchObject({
      kind: "tool",
      toolName: "track_parcel",
      input: '{"order":"A-77"}',
      output: '{"status":"out_for_delivery"}',
    });
  });

  it("reads AI SDK 5 usage names (input/output, cached, reasoning) and metadata.workflow", () => {
    expect(spanOf(spans, "a24fa7691b2780d6")).toMatchObject({ kind: "workflow", workflow: "parcel-followup", inputTokens: null });
    expect(spanOf(spans, "b350b87a2c3891e7")).toMatchObject({
      kind: "llm",
      model: "claude-sonnet-4-5",
      provider: "anthropic",
      inputTokens: 700,
      outputTokens: 120,
      cachedInputTokens: 512,
      reasoningTokens: 40,
      output: "Following up tomorrow.",
    });
  });

  it("counts embedding tokens on ai.embed.doEmbed only", () => {
    expect(spanOf(spans, "c461c98b3d49a2f8")).toMatchObject({ kind: "workflow", inputTokens: null });
    expect(spanOf(spans, "d572da9c4e5ab309")).toMatchObject({ kind: "llm", model: "text-embedding-3-small", inputTokens: 4, input: '["\\"parcel A-77\\""]' });
  });
});

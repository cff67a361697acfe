import { describe, expect, it } from "vitest";
import { parsePayload } from "../messages";
import { loadFixture, spanOf } from "./fixtures/load";

describe("OpenInference", async () => {
  const spans = await loadFixture("openinference.json");

  it("maps the AGENT root: session.id, input/output values, outcome, a workflow tag", () => {
    expect(spanOf(spans, "00f067aa0ba902b7")).toMatchObject({
      kind: "agent",
      sessionId: "sess-refund-9",
      input: "Please refund order 4471, it arrived broken.",
      output: "Refund of $42.10 issued for order 4471.",
      outcome: "refunded",
      workflow: "refunds",
      service: "refund-agent",
    });
  });

  it("maps an LLM span: llm.* model, provider and token counts; flattened messages", () => {
    const llm = spanOf(spans, "1a2b3c4d5e6f7081");
    expect(llm).toMatchObject({
      kind: "llm",
      model: "gpt-4.1-mini",
      provider: "openai",
      inputTokens: 523,
      outputTokens: 28,
      cachedInputTokens: 256,
      reasoningTokens: 12,
    });
    const input = parsePayload(llm.input);
    expect(input.kind === "messages" && input.messages.map((message) => message.role)).toEqual(["system", "user"]);
    const output = parsePayload(llm.output);
    expect(output.kind === "messages" && output.messages[0].parts).toEqual([
      { type: "tool_call", name: "issue_refund", arguments: { order: "4471", amount: 42.1 } },
    ]);
  });

  it("maps TOOL, RETRIEVER (documents), EMBEDDING, CHAIN and GUARDRAIL spans", () => {
    expect(spanOf(spans, "2b3c4d5e6f708192")).toMatchObject({
      kind: "tool",
      toolName: "issue_refund",
      input: '{"order":"4471","amount":42.1}',
      output: '{"refund_id":"rf_88","status":"issued"}',
    });
    const retriever = spanOf(spans, "3c4d5e6f708192a3");
    expect(retriever).toMatchObject({ kind: "retrieval", input: "refund policy damaged goods" });
    expect(JSON.parse(retriever.output ?? "")).toEqual([
      { id: "policy-3", score: 0.87, content: "Damaged goods are refunded in full." },
      { id: "policy-7", score: 0.61, content: "Refunds above $500 need approval." },
    ]);
    expect(spanOf(spans, "4d5e6f708192a3b4")).toMatchObject({ kind: "llm", model: "text-embedding-3-small", inputTokens: 5 });
    expect(spanOf(spans, "5e6f708192a3b4c5")).toMatchObject({ kind: "workflow", output: "done" });
    expect(spanOf(spans, "6f708192a3b4c5d6")).toMatchObject({ kind: "other" });
  });

  it("keeps every raw attribute, including the flattened ones, and adds an LLM span's instrumentation scope", () => {
    const llm = spanOf(spans, "1a2b3c4d5e6f7081");
    // 18 sent, plus otel.scope.name: how two instrumentations reporting one call are told apart.
    expect(Object.keys(llm.attributes)).toHaveLength(19);
    expect(llm.attributes["llm.token_count.total"]).toBe(551);
    expect(llm.attributes["otel.scope.name"]).toBe("openinference.instrumentation.langchain");
  });
});

import { describe, expect, it } from "vitest";
import { parsePayload } from "./messages";

describe("parsePayload", () => {
  it("reads OpenTelemetry GenAI messages with reasoning and tool calls", () => {
    const payload = parsePayload(
      JSON.stringify([
        { role: "user", parts: [{ type: "text", content: "Refund order 42" }] },
        {
          role: "assistant",
          parts: [
            { type: "reasoning", content: "Need the order first" },
            { type: "tool_call", id: "c1", name: "get_order", arguments: { id: 42 } },
          ],
        },
      ]),
    );
    expect(payload.kind).toBe("messages");
    if (payload.kind !== "messages") return;
    expect(payload.messages[0]).toEqual({ role: "user", parts: [{ type: "text", text: "Refund order 42" }] });
    expect(payload.messages[1].parts).toEqual([
      { type: "reasoning", text: "Need the order first" },
      { type: "tool_call", name: "get_order", arguments: { id: 42 } },
    ]);
  });

  it("reads OpenAI-style and OpenInference message lists", () => {
    const openai = parsePayload('[{"role":"system","content":"Be brief"},{"role":"assistant","content":null,"tool_calls":[{"function":{"name":"search","arguments":"{\\"q\\":\\"x\\"}"}}]}]');
    expect(openai.kind === "messages" && openai.messages[1].parts).toEqual([{ type: "tool_call", name: "search", arguments: { q: "x" } }]);
    const openinference = parsePayload('{"messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]}');
    expect(openinference.kind === "messages" && openinference.messages[0].parts).toEqual([{ type: "text", text: "hi" }]);
  });

  it("pretty-prints other JSON and leaves plain text alone", () => {
    expect(parsePayload('{"a":1}')).toEqual({ kind: "json", json: { a: 1 }, pretty: '{\n  "a": 1\n}' });
    expect(parsePayload("just words")).toEqual({ kind: "text", text: "just words" });
    expect(parsePayload("{not json")).toEqual({ kind: "text", text: "{not json" });
    expect(parsePayload("  ")).toEqual({ kind: "empty" });
    expect(parsePayload(null)).toEqual({ kind: "empty" });
  });
});

describe("parsePayload: LangChain's serialised messages", () => {
  const lc = (className: string, kwargs: Record<string, unknown>) => ({ lc: 1, type: "constructor", id: ["langchain", "schema", "messages", className], kwargs });

  it("reads a chat model's input (one list per prompt) as messages", () => {
    const payload = parsePayload(
      JSON.stringify({ messages: [[lc("SystemMessage", { content: "Be brief.", type: "system" }), lc("HumanMessage", { content: "Refund order 9", type: "human" })]] }),
    );
    expect(payload.kind === "messages" && payload.messages).toEqual([
      { role: "system", parts: [{ type: "text", text: "Be brief." }] },
      { role: "user", parts: [{ type: "text", text: "Refund order 9" }] },
    ]);
  });

  it("reads an LLMResult's generations with their tool calls", () => {
    const message = lc("AIMessage", { content: "", tool_calls: [{ name: "refund", args: { order: 9 }, id: "c1", type: "tool_call" }] });
    const payload = parsePayload(JSON.stringify({ generations: [[{ text: "", message, type: "ChatGeneration" }]], llm_output: null }));
    expect(payload.kind === "messages" && payload.messages).toEqual([
      { role: "assistant", parts: [{ type: "text", text: "" }, { type: "tool_call", name: "refund", arguments: { order: 9 } }] },
    ]);
  });

  it("reads a single serialised message and messages_to_dict's form", () => {
    expect(parsePayload(JSON.stringify(lc("ToolMessage", { content: "done", tool_call_id: "c1" })))).toMatchObject({
      kind: "messages",
      messages: [{ role: "tool", parts: [{ type: "text", text: "done" }] }],
    });
    expect(parsePayload(JSON.stringify([{ type: "human", data: { content: "hi" } }]))).toMatchObject({
      kind: "messages",
      messages: [{ role: "user", parts: [{ type: "text", text: "hi" }] }],
    });
  });

  it("leaves other constructor objects as JSON", () => {
    expect(parsePayload(JSON.stringify({ lc: 1, type: "constructor", id: ["langchain", "prompts", "PromptTemplate"], kwargs: {} })).kind).toBe("json");
  });
});

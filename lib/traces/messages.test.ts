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

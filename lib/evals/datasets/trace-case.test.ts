import { describe, expect, it } from "vitest";
import { expectedFromTrace, traceUserInput, type CaseSpan } from "./trace-case";

const at = (ms: number) => new Date(1_700_000_000_000 + ms);
const span = (overrides: Partial<CaseSpan> & { spanId: string }): CaseSpan => ({
  parentSpanId: "root",
  kind: "other",
  name: overrides.spanId,
  toolName: null,
  input: null,
  startTime: at(0),
  ...overrides,
});

const chat = (spanId: string, ms: number, messages: unknown) => span({ spanId, kind: "llm", startTime: at(ms), input: JSON.stringify(messages) });

describe("traceUserInput", () => {
  it("takes the root span's input as recorded when it is plain text", () => {
    const spans = [span({ spanId: "root", parentSpanId: null, kind: "agent", input: "File claim 42" }), chat("c1", 10, [{ role: "user", content: "other" }])];
    expect(traceUserInput("root", spans)).toBe("File claim 42");
  });

  it("takes the last user message of a root input that is a chat", () => {
    const root = span({ spanId: "root", parentSpanId: null, input: JSON.stringify([{ role: "user", content: "first" }, { role: "assistant", content: "ok" }, { role: "user", content: "second" }]) });
    expect(traceUserInput("root", [root])).toBe("second");
  });

  it("falls back to the first model call's user message (not the system prompt, not a later call)", () => {
    const spans = [
      span({ spanId: "root", parentSpanId: null, kind: "agent" }),
      chat("late", 500, [{ role: "user", content: "later call" }]),
      chat("early", 10, [{ role: "system", content: "You are a claims agent" }, { role: "user", parts: [{ type: "text", content: "Where is my refund?" }] }]),
    ];
    expect(traceUserInput("root", spans)).toBe("Where is my refund?");
  });

  it("is null when nothing recorded an input", () => {
    expect(traceUserInput("root", [span({ spanId: "root", parentSpanId: null }), span({ spanId: "t", kind: "tool", input: '{"a":1}' })])).toBeNull();
  });
});

describe("expectedFromTrace", () => {
  it("lists the tools called in order of first call, each once, with the outcome", () => {
    const spans = [
      span({ spanId: "b", kind: "tool", toolName: "refund", startTime: at(30) }),
      span({ spanId: "a", kind: "tool", toolName: "lookup", startTime: at(10) }),
      span({ spanId: "c", kind: "tool", toolName: "lookup", startTime: at(50) }),
      span({ spanId: "d", kind: "tool", name: "execute_tool notify", startTime: at(60) }),
      span({ spanId: "e", kind: "llm", startTime: at(5) }),
    ];
    expect(expectedFromTrace("approved", spans)).toEqual({ outcome: "approved", tools: [{ name: "lookup" }, { name: "refund" }, { name: "execute_tool notify" }] });
  });

  it("leaves the outcome out when the trace recorded none", () => {
    expect(expectedFromTrace(null, [])).toEqual({ tools: [] });
  });
});

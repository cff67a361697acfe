import { describe, expect, it } from "vitest";
import { toSpanView } from "./get-trace";
import { PAYLOAD_LIMIT } from "./trace-view";

type Row = Parameters<typeof toSpanView>[0];

const row = (input: string): Row =>
  ({
    traceId: "ab".repeat(16),
    spanId: "cd".repeat(8),
    parentSpanId: null,
    name: "chat",
    kind: "llm",
    startTime: new Date(0),
    endTime: new Date(5),
    status: "ok",
    input,
    output: null,
    attributes: {},
    events: null,
    costUsd: null,
  }) as unknown as Row;

describe("toSpanView", () => {
  it("cuts a payload longer than the display limit on a character boundary", () => {
    const view = toSpanView(row(`${"a".repeat(PAYLOAD_LIMIT - 1)}${"😀".repeat(5)}`));
    expect(view.payloadTruncated).toBe(true);
    expect(view.input).toBe("a".repeat(PAYLOAD_LIMIT - 1));
    expect(view.input?.isWellFormed()).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { contentEventOf, withContentEvents } from "./content-events";
import type { OtlpLogRecord } from "./otlp-types";
import type { SpanEvent } from "./span-model";

const record = (overrides: Partial<OtlpLogRecord>): OtlpLogRecord => ({
  traceId: "ab".repeat(16),
  spanId: "cd".repeat(8),
  timeUnixNano: 1_700_000_000_000_000_000n,
  eventName: "gen_ai.user.message",
  severityText: "",
  body: { content: "hi" },
  attributes: { "gen_ai.system": "openai" },
  ...overrides,
});

const event = (name: string, attributes: SpanEvent["attributes"]): SpanEvent => ({ name, time: "2023-11-14T22:13:20.000000Z", attributes });

describe("contentEventOf", () => {
  it("turns a GenAI message log record into its span event, the body's fields among the attributes", () => {
    expect(contentEventOf(record({ attributes: { "event.name": "gen_ai.user.message", "gen_ai.system": "openai" } }))).toEqual({
      traceId: "ab".repeat(16),
      spanId: "cd".repeat(8),
      event: { name: "gen_ai.user.message", time: "2023-11-14T22:13:20.000000Z", attributes: { "gen_ai.system": "openai", content: "hi" } },
    });
    expect(contentEventOf(record({ body: "plain text" }))).toMatchObject({ event: { attributes: { content: "plain text" } } });
  });

  it("says why other records are not kept", () => {
    expect(contentEventOf(record({ eventName: "app.log" }))).toEqual({ problem: "not a GenAI content event" });
    expect(contentEventOf(record({ spanId: "" }))).toEqual({ problem: "no trace and span id to join it to" });
    expect(contentEventOf(record({ traceId: "0".repeat(32) }))).toEqual({ problem: "no trace and span id to join it to" });
    expect(contentEventOf(record({ problem: "attribute values nest deeper than 32 levels" }))).toEqual({ problem: "attribute values nest deeper than 32 levels" });
  });
});

describe("withContentEvents", () => {
  const user = event("gen_ai.user.message", { content: "Where is order 42?" });
  const choice = event("gen_ai.choice", { finish_reason: "stop", index: 0, message: { content: "Shipped." } });

  it("reads input and output from the events, and adds an event only once", () => {
    const first = withContentEvents({ input: null, output: null, attributes: {}, events: [] }, [user]);
    expect(JSON.parse(first.input!)).toEqual([{ role: "user", content: "Where is order 42?" }]);
    expect(first.output).toBeNull();
    const second = withContentEvents({ ...first, attributes: {} }, [user, choice]);
    expect(second.events).toHaveLength(2);
    expect(JSON.parse(second.output!)).toEqual([{ role: "assistant", content: "Shipped.", finish_reason: "stop" }]);
    // The same events again, keys in another order (as jsonb gives them back): nothing changes.
    const again = withContentEvents({ ...second, attributes: {} }, [{ ...choice, attributes: { message: { content: "Shipped." }, index: 0, finish_reason: "stop" } }]);
    expect(again).toEqual(second);
  });

  it("keeps an input another dialect found, and attribute messages over events", () => {
    const fromValue = withContentEvents({ input: "raw input.value", output: null, attributes: {}, events: [] }, [user]);
    expect(fromValue.input).toBe("raw input.value");
    const attributes = { "gen_ai.input.messages": '[{"role":"user","parts":[{"type":"text","content":"from attributes"}]}]' };
    const fromAttributes = withContentEvents({ input: attributes["gen_ai.input.messages"], output: null, attributes, events: [] }, [user]);
    expect(fromAttributes.input).toBe(attributes["gen_ai.input.messages"]);
  });
});

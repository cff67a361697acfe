import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { MAX_JSON_DEPTH, parseJsonBody } from "./json-body";

const parse = (body: unknown) => parseJsonBody(typeof body === "string" ? body : JSON.stringify(body), "application/json", 1024 * 1024);

function refusal(body: unknown): AppError {
  try {
    parse(body);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the body to be refused");
}

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describe("parseJsonBody", () => {
  it("passes ordinary bodies, emoji and U+FFFD included", () => {
    const body = { check: "output", sessionId: "s-😀", text: "Thanks! 😀 \uFFFD", action: { tool: "t", params: { "ключ": ["日本", { n: 1 }] } } };
    expect(parse(body)).toEqual(body);
    expect(parse("")).toEqual({});
  });

  it.each([
    ["a NUL in a value", { text: "a\u0000b" }, "text", /NUL character/],
    ["an unpaired surrogate in a value", { a: { b: ["ok", "\ud800"] } }, "a.b[1]", /unpaired UTF-16 surrogate/],
    ["a NUL in a key", { params: { "k\u0000": 1 } }, "params", /key that contains a NUL/],
    ["an unpaired surrogate in a key", { params: { "\udc00": 1 } }, "params", /key that contains an unpaired/],
    ["a bad value under a key that is not a plain name", { "a b": { "c.d": "\u0000" } }, '["a b"]["c.d"]', /NUL/],
    ["a bad top-level string", JSON.stringify("\u0000"), "", /the body: contains a NUL/],
  ])("refuses %s with 422 and its path", (_name, body, path, message) => {
    const error = refusal(body);
    expect(error.status).toBe(422);
    expect(error.code).toBe("validation_failed");
    expect(error.details).toMatchObject({ path });
    expect(error.message).toMatch(message);
  });

  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses one more`, () => {
    expect(() => parse(nested(MAX_JSON_DEPTH))).not.toThrow();
    const error = refusal(nested(MAX_JSON_DEPTH + 1));
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/nests deeper than 64 levels/);
  });

  it("refuses 5,000 levels with a short path", () => {
    const error = refusal(`{"params":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}`);
    expect(error.status).toBe(422);
    expect((error.details as { path: string }).path.length).toBeLessThanOrEqual(200);
  });

  it("keeps the earlier answers: 415, 413 and 400 come first", () => {
    expect(() => parseJsonBody("{}", "text/plain", 100)).toThrow(expect.objectContaining({ code: "unsupported_media_type" }));
    expect(() => parseJsonBody(JSON.stringify({ a: "x".repeat(200) }), "application/json", 100)).toThrow(expect.objectContaining({ code: "payload_too_large" }));
    expect(() => parseJsonBody('{"a":"\u0000', "application/json", 100)).toThrow(expect.objectContaining({ code: "bad_request" }));
  });
});

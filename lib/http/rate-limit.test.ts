import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rateLimitPerSecond, resetRateLimits, takeToken } from "./rate-limit";
import { AppError } from "../errors/app-error";

function rejection(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected the rate limit to refuse");
}

describe("takeToken", () => {
  beforeEach(() => resetRateLimits());

  it("allows a burst of twice the rate, then refuses with 429 and Retry-After", () => {
    const now = 1_000_000;
    for (let i = 0; i < 10; i += 1) takeToken("key-a", now, 5);
    const error = rejection(() => takeToken("key-a", now, 5));
    expect(error.code).toBe("rate_limited");
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(1);
    expect(error.message).toContain("5 requests/s");
  });

  it("refills at the rate over time, never beyond the burst", () => {
    const start = 2_000_000;
    for (let i = 0; i < 10; i += 1) takeToken("key-b", start, 5);
    expect(() => takeToken("key-b", start + 100, 5)).toThrow(AppError);
    // 200 ms at 5/s refills exactly one token.
    expect(() => takeToken("key-b", start + 300, 5)).not.toThrow();
    expect(() => takeToken("key-b", start + 300, 5)).toThrow(AppError);
    // An hour idle refills only up to the burst of 10.
    const later = start + 3_600_000;
    for (let i = 0; i < 10; i += 1) takeToken("key-b", later, 5);
    expect(() => takeToken("key-b", later, 5)).toThrow(AppError);
  });

  it("keeps a bucket per key", () => {
    const now = 3_000_000;
    takeToken("key-c", now, 0.5);
    expect(() => takeToken("key-c", now, 0.5)).toThrow(AppError);
    expect(() => takeToken("key-d", now, 0.5)).not.toThrow();
  });

  it("serves slow rates (below one request a second) and asks them to wait for a whole token", () => {
    const now = 4_000_000;
    takeToken("key-e", now, 0.1);
    const error = rejection(() => takeToken("key-e", now, 0.1));
    expect(error.retryAfterSeconds).toBe(10);
    expect(() => takeToken("key-e", now + 10_000, 0.1)).not.toThrow();
  });
});

describe("rateLimitPerSecond", () => {
  const original = process.env.CONTROLROOM_RATE_LIMIT;
  afterEach(() => {
    if (original === undefined) delete process.env.CONTROLROOM_RATE_LIMIT;
    else process.env.CONTROLROOM_RATE_LIMIT = original;
  });

  it("defaults to 200/s and reads CONTROLROOM_RATE_LIMIT when it is a positive number", () => {
    delete process.env.CONTROLROOM_RATE_LIMIT;
    expect(rateLimitPerSecond()).toBe(200);
    process.env.CONTROLROOM_RATE_LIMIT = "50";
    expect(rateLimitPerSecond()).toBe(50);
    for (const bad of ["0", "-3", "lots"]) {
      process.env.CONTROLROOM_RATE_LIMIT = bad;
      expect(rateLimitPerSecond()).toBe(200);
    }
  });
});

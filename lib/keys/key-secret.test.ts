import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateKeySecret, hashKey, looksLikeKey } from "./key-secret";

describe("generateKeySecret", () => {
  it("makes cr_ keys of 256 random bits with a recognisable prefix and their SHA-256", () => {
    const secret = generateKeySecret();
    expect(secret.key).toMatch(/^cr_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.key.slice(3), "base64url")).toHaveLength(32);
    expect(secret.prefix).toBe(secret.key.slice(0, 11));
    expect(secret.hash).toBe(createHash("sha256").update(secret.key).digest("hex"));
    expect(secret.hash).not.toContain(secret.key.slice(3));
  });

  it("never repeats", () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateKeySecret().key));
    expect(keys.size).toBe(200);
  });

  it("produces keys that pass looksLikeKey", () => {
    expect(looksLikeKey(generateKeySecret().key)).toBe(true);
  });
});

describe("hashKey", () => {
  it("is deterministic and different for different keys", () => {
    expect(hashKey("cr_abc")).toBe(hashKey("cr_abc"));
    expect(hashKey("cr_abc")).not.toBe(hashKey("cr_abd"));
    expect(hashKey("cr_abc")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("looksLikeKey", () => {
  it("rejects values that cannot be keys before any database lookup", () => {
    expect(looksLikeKey("cr_" + "a".repeat(17))).toBe(true);
    expect(looksLikeKey("cr_" + "a".repeat(16))).toBe(false);
    expect(looksLikeKey("cr_" + "a".repeat(97))).toBe(true);
    expect(looksLikeKey("cr_" + "a".repeat(98))).toBe(false);
    expect(looksLikeKey("sk_" + "a".repeat(43))).toBe(false);
    expect(looksLikeKey("")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { auditKeyId, type AuditKey } from "./audit-key";
import { hasValidSignature, parseCheckpoint, signCheckpoint, type CheckpointBody } from "./checkpoint";

const keyOf = (text: string): AuditKey => ({ secret: Buffer.from(text), id: auditKeyId(Buffer.from(text)), source: "test" });
const key = keyOf("a-test-key-of-enough-length");
const body: CheckpointBody = { database: "postgresql://db:5432/cr", at: "2026-12-06T00:00:00.000Z", lastSeq: "1234", entries: 1200, headHash: "ab".repeat(32) };

describe("audit checkpoints", () => {
  it("verify with the key that signed them", () => {
    const checkpoint = signCheckpoint(body, key);
    expect(checkpoint.keyId).toBe(key.id);
    expect(checkpoint.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(hasValidSignature(checkpoint, key)).toBe(true);
  });

  it.each([
    ["database", "postgresql://other:5432/cr"],
    ["at", "2026-12-06T00:00:01.000Z"],
    ["lastSeq", "1233"],
    ["entries", 1201],
    ["headHash", "cd".repeat(32)],
  ] as const)("fail when %s is changed after signing", (field, value) => {
    expect(hasValidSignature({ ...signCheckpoint(body, key), [field]: value }, key)).toBe(false);
  });

  it("fail with another key, and a signature of the wrong length is simply invalid", () => {
    const checkpoint = signCheckpoint(body, key);
    expect(hasValidSignature(checkpoint, keyOf("another-key-of-enough-length"))).toBe(false);
    expect(hasValidSignature({ ...checkpoint, signature: "abcd" }, key)).toBe(false);
    expect(auditKeyId(key.secret)).not.toBe(keyOf("another-key-of-enough-length").id);
  });

  it("parse from a file line, refusing anything that is not a checkpoint", () => {
    const checkpoint = signCheckpoint(body, key);
    expect(parseCheckpoint(JSON.parse(JSON.stringify(checkpoint)))).toEqual(checkpoint);
    expect(parseCheckpoint(null)).toBeNull();
    expect(parseCheckpoint({ ...checkpoint, entries: "1200" })).toBeNull();
    expect(parseCheckpoint({ ...checkpoint, lastSeq: "-1" })).toBeNull();
    expect(parseCheckpoint({ ...checkpoint, signature: undefined })).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { canonicalJson, GENESIS_HASH, hashAuditEntry, type HashedAuditFields } from "./hash";

const entry: HashedAuditFields = {
  at: "2026-11-24T12:00:00.000Z",
  actorType: "user",
  actorId: "7c0c7a8e-0000-4000-8000-000000000001",
  actorLabel: "admin@demo.local",
  action: "agent.pause",
  targetType: "agent",
  targetId: "7c0c7a8e-0000-4000-8000-000000000002",
  teamId: "7c0c7a8e-0000-4000-8000-000000000003",
  before: { slug: "claims-agent", status: "active" },
  after: { slug: "claims-agent", status: "paused", reason: "runaway" },
  prevHash: GENESIS_HASH,
};

describe("canonicalJson", () => {
  it("does not depend on key order, at any depth", () => {
    const a = { b: 1, a: { y: [1, { q: true, p: null }], x: "s" } };
    const b = { a: { x: "s", y: [1, { p: null, q: true }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"s","y":[1,{"p":null,"q":true}]},"b":1}');
  });

  it("keeps array order, drops undefined fields and writes dates as ISO strings", () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalJson(new Date("2026-01-02T03:04:05.006Z"))).toBe('"2026-01-02T03:04:05.006Z"');
    expect(canonicalJson(undefined)).toBe("null");
    expect(canonicalJson({ s: 'quote " and \\ slash' })).toBe(JSON.stringify({ s: 'quote " and \\ slash' }));
  });

  it("matches what comes back from jsonb (dates become strings)", () => {
    const withDate = { at: new Date("2026-01-02T03:04:05.006Z"), n: 1 };
    expect(canonicalJson(JSON.parse(JSON.stringify(withDate)))).toBe(canonicalJson(withDate));
  });
});

describe("hashAuditEntry", () => {
  it("is a stable sha-256 hex digest independent of key order", () => {
    const hash = hashAuditEntry(entry);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const reordered = Object.fromEntries(Object.entries(entry).reverse()) as HashedAuditFields;
    expect(hashAuditEntry(reordered)).toBe(hash);
    expect(hashAuditEntry({ ...entry, after: { reason: "runaway", status: "paused", slug: "claims-agent" } })).toBe(hash);
  });

  const changes: [keyof HashedAuditFields, unknown][] = [
    ["at", "2026-11-24T12:00:00.001Z"],
    ["actorType", "system"],
    ["actorId", null],
    ["actorLabel", "someone@demo.local"],
    ["action", "agent.resume"],
    ["targetType", "user"],
    ["targetId", "7c0c7a8e-0000-4000-8000-000000000009"],
    ["teamId", null],
    ["before", { slug: "claims-agent", status: "paused" }],
    ["after", { slug: "claims-agent", status: "paused" }],
    ["prevHash", "f".repeat(64)],
  ];

  it.each(changes)("changes when %s changes", (field, value) => {
    expect(hashAuditEntry({ ...entry, [field]: value })).not.toBe(hashAuditEntry(entry));
  });

  it("distinguishes a missing payload from an empty one", () => {
    expect(hashAuditEntry({ ...entry, before: null })).not.toBe(hashAuditEntry({ ...entry, before: {} }));
  });
});

import { describe, expect, it } from "vitest";
import { decodeTraceCursor, encodeTraceCursor } from "./trace-cursor";
import { AppError } from "../errors/app-error";

const traceId = "0af7651916cd43dd8448eb211c80319c";

describe("trace cursor", () => {
  it("round-trips a microsecond start time and trace id (newest first)", () => {
    const cursor = { sort: "startTime" as const, order: "desc" as const, value: "2026-01-01T10:00:00.123456Z", traceId };
    expect(decodeTraceCursor(encodeTraceCursor(cursor))).toEqual(cursor);
  });

  it("keeps the newest-first format cursors always had, so older links still page", () => {
    const legacy = Buffer.from(`2026-01-01T10:00:00.123456Z|${traceId}`).toString("base64url");
    expect(encodeTraceCursor({ sort: "startTime", order: "desc", value: "2026-01-01T10:00:00.123456Z", traceId })).toBe(legacy);
    expect(decodeTraceCursor(legacy)).toMatchObject({ sort: "startTime", order: "desc", traceId });
  });

  it("round-trips the other orders with their exact values", () => {
    for (const cursor of [
      { sort: "duration" as const, order: "desc" as const, value: "12.345678", traceId },
      { sort: "cost" as const, order: "asc" as const, value: "0.00450000", traceId },
      { sort: "tokens" as const, order: "desc" as const, value: "16400", traceId },
      { sort: "startTime" as const, order: "asc" as const, value: "2026-01-01T10:00:00.000001Z", traceId },
    ]) {
      expect(decodeTraceCursor(encodeTraceCursor(cursor), cursor.sort, cursor.order)).toEqual(cursor);
    }
  });

  it("refuses a cursor read in another order than it was made for", () => {
    const byCost = encodeTraceCursor({ sort: "cost", order: "desc", value: "1.5", traceId });
    expect(() => decodeTraceCursor(byCost)).toThrow(/another sort order/);
    expect(() => decodeTraceCursor(byCost, "cost", "asc")).toThrow(AppError);
  });

  it("rejects anything else as a validation error", () => {
    for (const raw of [
      "",
      "abc",
      Buffer.from("2026-01-01|x").toString("base64url"),
      Buffer.from("2026-01-01T10:00:00.123456Z|").toString("base64url"),
      Buffer.from(`tokens.desc|12.5|${traceId}`).toString("base64url"),
      Buffer.from(`cost.sideways|1|${traceId}`).toString("base64url"),
      Buffer.from(`cost.desc|1; DROP TABLE traces|${traceId}`).toString("base64url"),
    ]) {
      expect(() => decodeTraceCursor(raw, "tokens", "desc")).toThrow(AppError);
    }
  });
});

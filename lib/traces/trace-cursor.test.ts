import { describe, expect, it } from "vitest";
import { decodeTraceCursor, encodeTraceCursor } from "./trace-cursor";
import { AppError } from "../errors/app-error";

describe("trace cursor", () => {
  it("round-trips a microsecond start time and trace id", () => {
    const cursor = { startTime: "2026-01-01T10:00:00.123456Z", traceId: "0af7651916cd43dd8448eb211c80319c" };
    expect(decodeTraceCursor(encodeTraceCursor(cursor))).toEqual(cursor);
  });

  it("rejects anything else as a validation error", () => {
    for (const raw of ["", "abc", Buffer.from("2026-01-01|x").toString("base64url"), Buffer.from("2026-01-01T10:00:00.123456Z|").toString("base64url")]) {
      expect(() => decodeTraceCursor(raw)).toThrow(AppError);
    }
  });
});

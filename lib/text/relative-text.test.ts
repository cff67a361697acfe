import { describe, expect, it } from "vitest";
import { relativeText } from "./relative-text";

const now = Date.parse("2026-12-06T08:00:00Z");

describe("relativeText", () => {
  it("calls the last few seconds just now", () => {
    expect(relativeText(now - 4_000, now)).toBe("just now");
    expect(relativeText(now, now)).toBe("just now");
  });

  it("counts seconds and minutes into the past", () => {
    expect(relativeText(now - 19_000, now)).toBe("19 seconds ago");
    expect(relativeText(now - 5 * 60_000, now)).toBe("5 minutes ago");
  });

  it("never shows a past event in the future when the server's clock runs ahead", () => {
    expect(relativeText(now + 3_000, now)).toBe("just now");
    expect(relativeText(now + 40_000, now)).toBe("just now");
  });

  it("shows a future time when the value may lie ahead", () => {
    expect(relativeText(now + 3 * 60_000, now, true)).toBe("in 3 minutes");
  });
});

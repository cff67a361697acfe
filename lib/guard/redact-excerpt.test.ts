import { describe, expect, it } from "vitest";
import { redactExcerpt } from "./redact-excerpt";

describe("redactExcerpt", () => {
  it("masks what could be personal data or a secret", () => {
    expect(redactExcerpt("Mail jane.doe@example.com, card 4111 1111 1111 1111")).toBe("Mail [email], card [number]");
  });

  it("cuts long text on a code point boundary, wherever the emoji fall", () => {
    for (let ascii = 150; ascii <= 165; ascii++) {
      const excerpt = redactExcerpt(`${"word ".repeat(40).slice(0, ascii)}${"😀".repeat(200)}`);
      expect(excerpt.isWellFormed()).toBe(true);
      expect(excerpt.length).toBeLessThanOrEqual(160);
      expect(excerpt.endsWith("…")).toBe(true);
    }
  });
});

import { describe, expect, it } from "vitest";
import { textProblem } from "./text-problem";

describe("textProblem", () => {
  it("passes ordinary text, emoji included", () => {
    expect(textProblem("Where is my order? 😀 日本語 \uFFFD")).toBeNull();
    expect(textProblem("")).toBeNull();
  });

  it("finds NUL and unpaired surrogates", () => {
    expect(textProblem("a\u0000b")).toBe("nul");
    expect(textProblem("a\ud800b")).toBe("unpaired_surrogate");
    expect(textProblem("\udc00")).toBe("unpaired_surrogate");
    expect(textProblem("😀".slice(0, 1))).toBe("unpaired_surrogate");
  });
});

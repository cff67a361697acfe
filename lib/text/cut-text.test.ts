import { describe, expect, it } from "vitest";
import { cutText, cutWithEllipsis } from "./cut-text";

describe("cutText", () => {
  it("keeps text within the limit as it is", () => {
    expect(cutText("abc", 3)).toBe("abc");
    expect(cutText("", 0)).toBe("");
  });

  it("cuts plain text at the limit", () => {
    expect(cutText("abcdef", 4)).toBe("abcd");
  });

  it("never leaves half of a surrogate pair", () => {
    const text = "ab😀cd"; // the emoji is code units 2 and 3
    expect(cutText(text, 3)).toBe("ab");
    expect(cutText(text, 4)).toBe("ab😀");
    for (let length = 0; length <= text.length; length++) expect(cutText(text, length).isWellFormed()).toBe(true);
  });
});

describe("cutWithEllipsis", () => {
  it("marks a cut with … within the limit, on a code point boundary", () => {
    expect(cutWithEllipsis("abcdef", 6)).toBe("abcdef");
    expect(cutWithEllipsis("abcdef", 4)).toBe("abc…");
    const cut = cutWithEllipsis(`${"a".repeat(158)}${"😀".repeat(10)}`, 160);
    expect(cut).toBe(`${"a".repeat(158)}…`);
    expect(cut.isWellFormed()).toBe(true);
  });
});

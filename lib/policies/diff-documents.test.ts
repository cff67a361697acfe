import { describe, expect, it } from "vitest";
import { diffDocumentTexts } from "./diff-documents";

const json = (value: unknown) => JSON.stringify(value, null, 2);

describe("diffDocumentTexts", () => {
  it("marks changed lines and counts them", () => {
    const before = json({ tools: [{ tool: "refunds.issue", max: 500 }], failMode: "closed" });
    const after = json({ tools: [{ tool: "refunds.issue", max: 200 }], failMode: "closed" });
    const diff = diffDocumentTexts(before, after);
    expect(diff).toMatchObject({ added: 1, removed: 1 });
    expect(diff.lines.filter((line) => line.kind === "removed")).toEqual([{ kind: "removed", text: '      "max": 500' }]);
    expect(diff.lines.filter((line) => line.kind === "added")).toEqual([{ kind: "added", text: '      "max": 200' }]);
  });

  it("folds long unchanged runs, keeping three lines of context around each change", () => {
    const tools = Array.from({ length: 20 }, (_, index) => ({ tool: `tool.${index}` }));
    const before = json({ tools, failMode: "closed" });
    const after = json({ tools, failMode: "open" });
    const diff = diffDocumentTexts(before, after);
    const skipped = diff.lines.find((line) => line.kind === "skipped");
    expect(skipped).toMatchObject({ kind: "skipped" });
    expect(diff.lines.slice(-6).map((line) => line.kind)).toEqual(["same", "same", "same", "removed", "added", "same"]);
    const shown = diff.lines.reduce((sum, line) => sum + (line.kind === "skipped" ? line.count : 1), 0);
    expect(shown).toBe(before.split("\n").length + 1); // every line of before, plus the one added
  });

  it("shows a new document as all added", () => {
    const diff = diffDocumentTexts("", json({ tools: [] }));
    expect(diff).toMatchObject({ added: 3, removed: 0 });
    expect(diff.lines.every((line) => line.kind === "added")).toBe(true);
  });

  it("reports no changes for equal documents", () => {
    const text = json({ tools: [{ tool: "a" }] });
    expect(diffDocumentTexts(text, text)).toMatchObject({ added: 0, removed: 0 });
  });
});

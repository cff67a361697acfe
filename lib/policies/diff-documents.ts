import { diffLines } from "diff";

// Line changes between two policy documents as the editor shows them (indented JSON, scope left out),
// with unchanged runs longer than twice the context folded into one "skipped" line.

export type DiffLine =
  | { kind: "added" | "removed" | "same"; text: string }
  | { kind: "skipped"; count: number };

export type DocumentDiff = { lines: DiffLine[]; added: number; removed: number };

const CONTEXT = 3;

export function diffDocumentTexts(before: string, after: string): DocumentDiff {
  const lines: DiffLine[] = [];
  let added = 0;
  let removed = 0;
  const parts = diffLines(before, after);
  parts.forEach((part, index) => {
    const texts = part.value.replace(/\n$/, "").split("\n");
    if (part.added || part.removed) {
      const kind = part.added ? "added" : "removed";
      if (part.added) added += texts.length;
      else removed += texts.length;
      for (const text of texts) lines.push({ kind, text });
      return;
    }
    const keepStart = index === 0 ? 0 : CONTEXT;
    const keepEnd = index === parts.length - 1 ? 0 : CONTEXT;
    if (texts.length <= keepStart + keepEnd + 1) {
      for (const text of texts) lines.push({ kind: "same", text });
      return;
    }
    for (const text of texts.slice(0, keepStart)) lines.push({ kind: "same", text });
    lines.push({ kind: "skipped", count: texts.length - keepStart - keepEnd });
    for (const text of texts.slice(texts.length - keepEnd)) lines.push({ kind: "same", text });
  });
  return { lines, added, removed };
}

import { diffLines } from "diff";
import type { VersionBundle } from "./version-view";

export type ValueChange = { key: string; from: unknown; to: unknown; change: "added" | "removed" | "changed" };
export type PromptLine = { kind: "same" | "added" | "removed"; text: string };

// What differs between two bundles: the prompt as a line diff, and every other part called out.
export function describeChanges(base: VersionBundle, head: VersionBundle) {
  return {
    prompt: promptDiff(base.prompt, head.prompt),
    model: base.model === head.model ? null : { from: base.model, to: head.model },
    params: objectChanges(base.params, head.params),
    knowledgeBase: same(base.knowledgeBase, head.knowledgeBase) ? null : { from: base.knowledgeBase, to: head.knowledgeBase },
    tools: objectChanges(toolMap(base.tools), toolMap(head.tools)),
    policyVersion: base.policyVersion === head.policyVersion ? null : { from: base.policyVersion, to: head.policyVersion },
  };
}

export type VersionChanges = ReturnType<typeof describeChanges>;

export function promptDiff(before: string, after: string): PromptLine[] {
  const lines: PromptLine[] = [];
  // A last line without its newline is the same line as one with it.
  const withEnd = (text: string) => (text === "" || text.endsWith("\n") ? text : `${text}\n`);
  for (const part of diffLines(withEnd(before), withEnd(after))) {
    const kind = part.added ? "added" : part.removed ? "removed" : "same";
    for (const text of part.value.replace(/\n$/, "").split("\n")) lines.push({ kind, text });
  }
  return lines;
}

function objectChanges(before: Record<string, unknown>, after: Record<string, unknown>): ValueChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: ValueChange[] = [];
  for (const key of keys) {
    if (!(key in before)) changes.push({ key, from: null, to: after[key], change: "added" });
    else if (!(key in after)) changes.push({ key, from: before[key], to: null, change: "removed" });
    else if (!same(before[key], after[key])) changes.push({ key, from: before[key], to: after[key], change: "changed" });
  }
  return changes;
}

const toolMap = (tools: VersionBundle["tools"]) => Object.fromEntries(tools.map((tool) => [tool.name, tool.config ?? {}]));

// Key order does not make two JSON values different.
function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

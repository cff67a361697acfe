import type { Expected } from "@/lib/evals/datasets/queries";

// An item's expected outcome and tools as table cells show them; unchecked fields say so.
export function ExpectedOutcome({ expected }: { expected: Expected }) {
  if (!expected.outcome) return <span className="text-fg-muted">not checked</span>;
  return <span className="font-mono text-xs">{expected.outcome}</span>;
}

export function ExpectedTools({ expected }: { expected: Expected }) {
  if (!expected.tools) return <span className="text-fg-muted">not checked</span>;
  if (expected.tools.length === 0) return <span className="text-fg-muted">none</span>;
  return (
    <ol className="flex flex-wrap gap-1" aria-label="Expected tools, in order">
      {expected.tools.map((tool, index) => (
        <li key={`${tool.name}-${index}`} className="rounded bg-surface-muted px-1.5 py-0.5 font-mono text-xs" title={tool.params ? JSON.stringify(tool.params) : undefined}>
          {tool.name}
        </li>
      ))}
    </ol>
  );
}

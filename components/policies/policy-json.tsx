// A document as indented JSON, for reading (the editor is the textarea).
export function PolicyJson({ document, label = "JSON" }: { document: unknown; label?: string }) {
  return (
    <details className="rounded-md border border-border bg-surface-muted/40">
      <summary className="cursor-pointer px-3 py-1.5 text-xs font-medium text-fg-muted">{label}</summary>
      <pre className="max-h-96 overflow-auto px-3 pb-3 font-mono text-xs leading-relaxed">{JSON.stringify(document, null, 2)}</pre>
    </details>
  );
}

// What the editor starts from: the document without its scope (the scope edited fills it in).
export function editableText(document: unknown): string {
  if (typeof document !== "object" || document === null) return "{}";
  const { scope: _scope, ...rest } = document as Record<string, unknown>;
  return JSON.stringify(rest, null, 2);
}

export const newPolicyTemplate = JSON.stringify({ tools: [{ tool: "example.tool", constraints: [] }], gates: [], failMode: "closed" }, null, 2);

import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

// Pretty-printed JSON with keys, strings and literals told apart (React elements, never raw HTML).
const token = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

function highlight(pretty: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of pretty.matchAll(token)) {
    const index = match.index ?? 0;
    if (index > last) nodes.push(pretty.slice(last, index));
    const [whole, text, colon, literal, number] = match;
    if (text !== undefined) {
      nodes.push(
        <span key={index} className={colon ? "text-accent" : "text-ok-fg"}>
          {text}
        </span>,
      );
      if (colon) nodes.push(colon);
    } else {
      nodes.push(
        <span key={index} className={literal ? "text-warn-fg" : "text-info-fg"}>
          {literal ?? number}
        </span>,
      );
    }
    last = index + whole.length;
  }
  if (last < pretty.length) nodes.push(pretty.slice(last));
  return nodes;
}

export function JsonView({ value, className }: { value: unknown; className?: string }) {
  const pretty = typeof value === "string" ? value : (JSON.stringify(value, null, 2) ?? String(value));
  return (
    <pre className={cn("rounded-md bg-surface-muted p-2 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap text-fg", className)}>
      {typeof value === "string" ? value : highlight(pretty)}
    </pre>
  );
}

export function TextView({ text, className }: { text: string; className?: string }) {
  return <pre className={cn("rounded-md bg-surface-muted p-2 font-sans text-sm break-words whitespace-pre-wrap text-fg", className)}>{text}</pre>;
}

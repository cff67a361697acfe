import { cn } from "@/components/ui/cn";
import type { PromptLine } from "@/lib/versions/compare-versions";

const lineStyle = {
  same: { mark: " ", className: "text-fg", label: undefined },
  removed: { mark: "-", className: "bg-danger-soft text-danger-fg", label: "removed" },
  added: { mark: "+", className: "bg-ok-soft text-ok-fg", label: "added" },
} as const;

// The prompt's line diff: colour and a -/+ mark (readable without colour); screen readers hear
// "removed"/"added" before the line.
export function PromptDiff({ lines }: { lines: PromptLine[] }) {
  const changed = lines.some((line) => line.kind !== "same");
  return (
    <div className="flex flex-col gap-1">
      {changed ? null : <p className="text-sm text-fg-muted">The prompt is the same in both versions.</p>}
      <pre
        tabIndex={0}
        aria-label="Prompt line diff"
        className="max-h-[32rem] overflow-auto rounded-md border border-border bg-surface font-mono text-xs leading-relaxed"
        data-testid="prompt-diff"
      >
        {lines.map((line, index) => {
          const style = lineStyle[line.kind];
          return (
            <div key={index} className={cn("flex px-2 whitespace-pre-wrap", style.className)} data-kind={line.kind}>
              <span aria-hidden="true" className="w-4 shrink-0 select-none">
                {style.mark}
              </span>
              {style.label ? <span className="sr-only">{style.label}: </span> : null}
              <span className="break-words">{line.text || " "}</span>
            </div>
          );
        })}
      </pre>
    </div>
  );
}

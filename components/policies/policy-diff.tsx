import { diffDocumentTexts } from "@/lib/policies/diff-documents";
import { editableText } from "./policy-json";

type PolicyDiffProps = { before: unknown; after: unknown; beforeLabel: string; afterLabel: string };

// What a proposal (or an old version) changes, line by line on the JSON the editor shows. Added and
// removed lines carry a +/− sign and are <ins>/<del>, not only a colour.
export function PolicyDiff({ before, after, beforeLabel, afterLabel }: PolicyDiffProps) {
  const diff = diffDocumentTexts(before === null ? "" : editableText(before), editableText(after));
  const title = `Changes from ${beforeLabel} to ${afterLabel}`;
  return (
    <figure className="flex flex-col gap-1" aria-label={title}>
      <figcaption className="text-xs text-fg-muted">
        {title}:{" "}
        {diff.added || diff.removed ? (
          <>
            <span className="text-ok-fg">+{diff.added}</span> <span className="text-danger-fg">−{diff.removed}</span> lines
          </>
        ) : (
          "no changes"
        )}
      </figcaption>
      <pre className="max-h-96 overflow-auto rounded-md border border-border bg-surface-muted/40 py-2 font-mono text-xs leading-relaxed">
        {diff.lines.map((line, index) => {
          if (line.kind === "skipped") {
            return (
              <div key={index} className="px-3 text-fg-muted italic">
                ⋯ {line.count} unchanged lines
              </div>
            );
          }
          if (line.kind === "added") {
            return (
              <ins key={index} className="block bg-ok-soft px-3 text-ok-fg no-underline">
                + {line.text}
              </ins>
            );
          }
          if (line.kind === "removed") {
            return (
              <del key={index} className="block bg-danger-soft px-3 text-danger-fg no-underline">
                − {line.text}
              </del>
            );
          }
          return (
            <div key={index} className="px-3">
              {"  "}
              {line.text}
            </div>
          );
        })}
      </pre>
    </figure>
  );
}

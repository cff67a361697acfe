import { Fragment, type ReactNode } from "react";

// Renders the report's Markdown (lib/incidents/report-markdown.ts writes only headings, "- " lists,
// paragraphs, **bold** and `code`): the printable view shows the very text the download holds.
function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*|`[^`]+`)/g).map((part, index) => {
    if (part.startsWith("**") && part.endsWith("**") && part.length > 4) return <strong key={index}>{part.slice(2, -2)}</strong>;
    if (part.startsWith("`") && part.endsWith("`") && part.length > 2) return <code key={index} className="font-mono text-xs">{part.slice(1, -1)}</code>;
    return <Fragment key={index}>{part}</Fragment>;
  });
}

type Block = { kind: "h1" | "h2" | "p"; text: string } | { kind: "ul"; items: string[] };

function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const line of markdown.split("\n")) {
    const last = blocks.at(-1);
    if (line.startsWith("# ")) blocks.push({ kind: "h1", text: line.slice(2) });
    else if (line.startsWith("## ")) blocks.push({ kind: "h2", text: line.slice(3) });
    else if (line.startsWith("- ")) {
      if (last?.kind === "ul") last.items.push(line.slice(2));
      else blocks.push({ kind: "ul", items: [line.slice(2)] });
    } else if (line.trim()) blocks.push({ kind: "p", text: line });
  }
  return blocks;
}

export function MarkdownView({ markdown }: { markdown: string }) {
  return (
    <article className="flex flex-col gap-3 text-sm leading-relaxed text-fg" data-testid="incident-report">
      {blocksOf(markdown).map((block, index) => {
        switch (block.kind) {
          case "h1":
            return <h1 key={index} className="text-xl font-semibold tracking-tight">{inline(block.text)}</h1>;
          case "h2":
            return <h2 key={index} className="mt-3 border-b border-border pb-1 text-base font-semibold break-after-avoid">{inline(block.text)}</h2>;
          case "ul":
            return (
              <ul key={index} className="flex list-disc flex-col gap-1 pl-5">
                {block.items.map((item, itemIndex) => (
                  <li key={itemIndex} className="break-inside-avoid">{inline(item)}</li>
                ))}
              </ul>
            );
          default:
            return <p key={index}>{inline(block.text)}</p>;
        }
      })}
    </article>
  );
}

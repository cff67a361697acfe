import Link from "next/link";
import type { CompareRunsResult } from "@/lib/versions/schemas";

type Props = {
  slug: string;
  labels: { a: string; b: string };
  runs: { a: string; b: string };
  count: number;
  items: CompareRunsResult["evals"]["regressed"];
};

export const itemComparisonHref = (slug: string, runs: { a: string; b: string }, itemId: string) =>
  `/agents/${slug}/versions/compare/items?${new URLSearchParams({ a: runs.a, b: runs.b, item: itemId })}`;

// Items both runs had that passed on A and failed on B, with why B failed; each opens both traces.
export function RegressedItems({ slug, labels, runs, count, items }: Props) {
  return (
    <section aria-labelledby="regressed-title" className="flex flex-col gap-2">
      <h4 id="regressed-title" className="text-sm font-semibold">
        Regressed items <span className="font-normal text-fg-muted">· passed on {labels.a}, failed on {labels.b} · {count.toLocaleString("en-US")}</span>
      </h4>
      {items.length === 0 ? (
        <p className="text-sm text-fg-muted" data-testid="regressed-empty">
          No item regressed: every item that passed on {labels.a} also passed on {labels.b}.
        </p>
      ) : (
        <ul className="flex flex-col divide-y divide-border rounded-md border border-border bg-surface" data-testid="regressed-items">
          {items.map((item) => (
            <li key={item.itemId} className="flex flex-wrap items-start justify-between gap-3 p-3 text-sm">
              <div className="min-w-0 flex-1">
                <p className="line-clamp-2 break-words">{item.input}</p>
                <ul className="mt-1 flex flex-col gap-0.5 text-xs text-danger-fg">
                  {item.b.reasons.map((reason, index) => (
                    <li key={index}>
                      <span className="font-mono">{reason.type}</span>: {reason.reason}
                    </li>
                  ))}
                </ul>
              </div>
              <Link href={itemComparisonHref(slug, runs, item.itemId)} className="shrink-0 text-xs font-medium text-accent underline-offset-2 hover:underline">
                Compare traces<span className="sr-only"> of “{item.input.slice(0, 60)}”</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {count > items.length ? <p className="text-xs text-fg-muted">The first {items.length} of {count} are listed.</p> : null}
    </section>
  );
}

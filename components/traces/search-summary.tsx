import Link from "next/link";
import type { TraceSearchMatch } from "@/lib/traces/trace-view";
import { sessionHref, traceHref } from "./trace-list-params";

// What the search box's text was taken as, so an operator knows whether they are looking at a session
// or at text matches (lib/traces/trace-search.ts decides).
export function SearchSummary({ q, matchedAs, count, more }: { q: string; matchedAs: TraceSearchMatch | null; count: number; more: boolean }) {
  const shown = `${count}${more ? "+" : ""} ${count === 1 && !more ? "trace" : "traces"}`;
  return (
    <p className="text-sm text-fg-muted" data-testid="search-summary">
      {matchedAs === "traceId" ? (
        <>
          Trace id{" "}
          <Link href={traceHref(q)} className="font-mono text-accent underline-offset-2 hover:underline">
            {q}
          </Link>
        </>
      ) : matchedAs === "sessionId" ? (
        <>
          {shown} of session{" "}
          <Link href={sessionHref(q)} className="font-mono text-accent underline-offset-2 hover:underline" title="Replay this session">
            {q}
          </Link>
        </>
      ) : (
        <>
          {shown} with <q className="font-medium text-fg">{q}</q> in a span&apos;s input or output (case-insensitive)
        </>
      )}
    </p>
  );
}

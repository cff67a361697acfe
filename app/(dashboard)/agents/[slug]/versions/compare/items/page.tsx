import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { ErrorState } from "@/components/ui/error-state";
import { JsonView } from "@/components/traces/json-view";
import { ItemSide, type LoadedTrace } from "@/components/versions/item-side";
import { requirePrincipal } from "@/lib/auth/session";
import type { Principal } from "@/lib/auth/principal";
import { isAppError } from "@/lib/errors/app-error";
import { listTraceDecisions } from "@/lib/guard/trace-decisions";
import { getTraceView } from "@/lib/traces/get-trace";
import { compareRunItem } from "@/lib/versions/compare-item";

export const metadata = { title: "Item in two versions" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// One dataset item in two runs (?a=<run>&b=<run>&item=<item>), reached from a regressed item on the
// comparison page: the input on top, then each version's result, scores and trace side by side.
export default async function CompareItemPage({ params, searchParams }: Props) {
  const principal = await requirePrincipal();
  const { slug } = await params;
  const query = await searchParams;
  const [runA, runB, itemId] = [one(query.a), one(query.b), one(query.item)];
  const back = (href: string) => (
    <Link href={href} className="inline-flex items-center gap-1 self-start text-xs font-medium text-accent underline-offset-2 hover:underline">
      <ArrowLeft aria-hidden="true" className="size-3.5" />
      Compare versions
    </Link>
  );
  if (!runA || !runB || !itemId) {
    return (
      <section aria-label="Item in two versions" className="flex flex-col gap-3">
        {back(`/agents/${slug}/versions/compare`)}
        <ErrorState title="Which item?" message="This page needs two runs and an item (?a=<run>&b=<run>&item=<item>): open it from a regressed item on the comparison page." />
      </section>
    );
  }
  let compared;
  try {
    compared = await compareRunItem(principal, slug, { a: runA, b: runB }, itemId);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return (
      <section aria-label="Item in two versions" className="flex flex-col gap-3">
        {back(`/agents/${slug}/versions/compare`)}
        <ErrorState title="The item could not be compared" message={error.message} />
      </section>
    );
  }
  const [traceA, traceB] = await Promise.all([loadTrace(principal, compared.a.item.traceId), loadTrace(principal, compared.b.item.traceId)]);
  const compareHref = `/agents/${slug}/versions/compare?${new URLSearchParams({ base: compared.a.run.version, head: compared.b.run.version })}`;
  return (
    <section aria-labelledby="item-title" className="flex flex-col gap-4">
      {back(compareHref)}
      <h2 id="item-title" className="text-base font-semibold">
        Item of suite “{compared.a.run.suite}” in {compared.a.run.version} and {compared.b.run.version}
      </h2>
      <div className="grid gap-3 md:grid-cols-2" data-testid="item-input">
        <div className="flex min-w-0 flex-col gap-1">
          <h3 className="text-xs font-medium text-fg-muted">Input</h3>
          <JsonView value={compared.item.input} />
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <h3 className="text-xs font-medium text-fg-muted">Expected</h3>
          <JsonView value={compared.item.expected} />
        </div>
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        <ItemSide side="A" spanParam="spanA" run={compared.a.run} item={compared.a.item} trace={traceA} />
        <ItemSide side="B" spanParam="spanB" run={compared.b.run} item={compared.b.item} trace={traceB} />
      </div>
    </section>
  );
}

// A side's trace and its guard decisions; a trace not stored (yet) or unreadable says so instead.
async function loadTrace(principal: Principal, traceId: string | null): Promise<LoadedTrace> {
  if (!traceId) return { state: "none" };
  try {
    const trace = await getTraceView(principal, traceId);
    const guard = await listTraceDecisions(principal, traceId).catch(() => ({ decisions: [], truncated: false }));
    return { state: "loaded", trace, decisions: guard.decisions, truncated: guard.truncated };
  } catch (error) {
    if (!isAppError(error)) console.error("[control-room] a compared item's trace failed", error);
    return { state: "missing", traceId, message: isAppError(error) ? error.message : "The trace could not be loaded" };
  }
}

"use client";

import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { History } from "lucide-react";
import { useId, useState } from "react";
import { backtestPolicyAction } from "@/app/(dashboard)/agents/[slug]/policies/actions";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Spinner } from "@/components/ui/loading";
import type { ActionResult } from "@/lib/http/action";
import type { BacktestResult } from "@/lib/policies/backtest-policy";
import { policyQueryKeys } from "@/lib/policies/queries";
import { BacktestResultView } from "./backtest-result";

export type BacktestPanelProps = {
  slug: string;
  scopeKey: string;
  // The draft as the editor holds it (text), or a proposal's stored document.
  document: unknown;
  // A proposal runs its backtest as soon as it is shown, so an admin reads it before approving; a draft
  // being typed runs on the button (each keystroke is not worth replaying a week of decisions).
  runOnShow?: boolean;
};

const asText = (document: unknown) => (typeof document === "string" ? document : JSON.stringify(document));

// "Would have held 37 of 1,204 actions": the agent's guard decisions of the last 7 days replayed against
// a draft policy (lib/policies/backtest-policy.ts), for developers and admins (callers hide it from others).
export function BacktestPanel({ slug, scopeKey, document, runOnShow = false }: BacktestPanelProps) {
  const text = asText(document);
  const [requested, setRequested] = useState<string | null>(runOnShow ? text : null);
  const titleId = useId();
  // Keyed by the draft text: an unchanged draft (or a proposal shown again after a refresh) is not replayed twice.
  const query = useQuery({
    queryKey: policyQueryKeys.backtest(slug, scopeKey, requested ?? ""),
    queryFn: () => backtestPolicyAction(slug, { document: requested ?? "", scope: scopeKey }),
    enabled: requested !== null,
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    retry: false,
  });
  const running = requested !== null && query.isFetching;
  const outdated = requested !== null && requested !== text;

  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3 rounded-md border border-border p-3" data-testid="policy-backtest">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h4 id={titleId} className="flex items-center gap-1.5 text-sm font-semibold">
            <History aria-hidden="true" className="size-4 text-fg-muted" />
            Backtest (last 7 days)
          </h4>
          <p className="text-xs text-fg-muted">What this policy would have decided on the agent&apos;s guard requests of the last 7 days.</p>
        </div>
        <Button size="sm" onClick={() => (requested === text ? query.refetch() : setRequested(text))} loading={running}>
          {requested === null ? "Run backtest" : "Run again"}
        </Button>
      </div>
      {outdated ? <p className="text-xs text-warn-fg">The draft changed since this backtest ran: run it again to see the new draft.</p> : null}
      <BacktestState query={query} requested={requested !== null} running={running} />
    </section>
  );
}

type BacktestQuery = UseQueryResult<ActionResult<BacktestResult>>;

function BacktestState({ query, requested, running }: { query: BacktestQuery; requested: boolean; running: boolean }) {
  if (!requested) return null;
  if (running || query.isPending) return <Spinner label="Replaying the guard decisions of the last 7 days…" />;
  if (query.isError) {
    return <ErrorState title="The backtest did not run" message="Control Room could not be reached or failed. Try again in a moment." onRetry={() => query.refetch()} />;
  }
  const result = query.data;
  if (!result.ok) {
    const problems = result.error.fieldErrors?.document ?? [result.error.message];
    return (
      <div role="alert" className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger-fg">
        <p className="font-medium">This draft cannot be backtested</p>
        <ul className="mt-1 list-disc pl-5 font-mono text-xs" data-testid="backtest-problems">
          {problems.map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      </div>
    );
  }
  return <BacktestResultView result={result.data} />;
}

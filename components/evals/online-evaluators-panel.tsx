"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Gauge, Trash2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { deleteOnlineEvaluatorAction, updateOnlineEvaluatorAction } from "@/app/(dashboard)/agents/[slug]/drift/actions";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { LoadingRows } from "@/components/ui/loading";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { toast } from "@/components/ui/toaster";
import { driftChartHref, driftQueryKeys } from "@/lib/drift/queries";
import type { Evaluator } from "@/lib/evals/evaluators/schemas";
import { describeEvaluator, onlineTypeLabels } from "@/lib/evals/online/describe-evaluator";
import { fetchOnlineEvaluators, ONLINE_EVALUATORS_REFRESH_MS, onlineEvaluatorQueryKeys, type OnlineEvaluatorRow } from "@/lib/evals/online/queries";
import { OnlineEvaluatorFormDialog } from "./online-evaluator-form";

// The agent's online evaluators on its Drift tab: what each checks, how much of the live traffic it
// scores, its recent pass rate, and (for evals:manage) add, edit, enable/disable and delete.
export function OnlineEvaluatorsPanel({ slug, canManage }: { slug: string; canManage: boolean }) {
  const query = useQuery({
    queryKey: onlineEvaluatorQueryKeys.agent(slug),
    queryFn: () => fetchOnlineEvaluators(slug),
    refetchInterval: ONLINE_EVALUATORS_REFRESH_MS,
    retry: 1,
  });
  const rows = query.data;
  return (
    <Card aria-labelledby="online-evaluators-title">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div className="flex flex-col gap-1">
          <CardTitle id="online-evaluators-title">Online evaluators</CardTitle>
          <CardDescription>
            Checks that need no expected answer, run on a sample of live traces as they complete. Each one&apos;s failure rate is a drift metric against its first 200 scores.
          </CardDescription>
        </div>
        <div className="flex items-center gap-3">
          {rows ? <LiveIndicator updatedAt={query.dataUpdatedAt} isError={query.isError} /> : null}
          {canManage ? <OnlineEvaluatorFormDialog slug={slug} /> : null}
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-2">
        {!rows ? (
          query.isError ? (
            <ErrorState title="Online evaluators unavailable" message={`${query.error.message}. They are retried every few seconds.`} onRetry={() => void query.refetch()} />
          ) : (
            <LoadingRows rows={3} columns={6} label="Loading online evaluators…" />
          )
        ) : rows.length === 0 ? (
          <EmptyState
            icon={<Gauge />}
            title="No online evaluators"
            description={
              canManage
                ? "Add one to score live traffic continuously: a cost, latency or steps bound, no guard deny, JSON output, or an LLM judge."
                : "A developer or admin can add checks that score this agent's live traffic continuously."
            }
          />
        ) : (
          <>
            {query.isError ? <RefreshFailed error={query.error} /> : null}
            <EvaluatorsTable slug={slug} rows={rows} canManage={canManage} />
          </>
        )}
      </CardContent>
    </Card>
  );
}

function passTone(rate: number | null): Tone {
  if (rate === null) return "muted";
  return rate >= 0.95 ? "ok" : rate >= 0.8 ? "warn" : "danger";
}

function EvaluatorsTable({ slug, rows, canManage }: { slug: string; rows: OnlineEvaluatorRow[]; canManage: boolean }) {
  return (
    <Table label="Online evaluators">
      <THead>
        <TR>
          <TH>Name</TH>
          <TH>Check</TH>
          <TH numeric>Sample</TH>
          <TH>State</TH>
          <TH numeric>Recent pass rate</TH>
          <TH numeric>Scored</TH>
          {canManage ? <TH>Actions</TH> : null}
        </TR>
      </THead>
      <TBody>
        {rows.map((row) => {
          const rate = row.scores.recent.passRate;
          return (
            <TR key={row.id} data-evaluator={row.name}>
              <TD>
                <Link href={driftChartHref(slug, row.metric)} className="font-medium text-accent underline-offset-2 hover:underline" scroll={false}>
                  {row.name}
                </Link>
              </TD>
              <TD>
                <span className="font-medium">{onlineTypeLabels[row.evaluator.type as keyof typeof onlineTypeLabels] ?? row.evaluator.type}</span>
                <span className="ml-2 text-xs text-fg-muted">{describeEvaluator(row.evaluator as Evaluator)}</span>
                {row.lastError ? (
                  <p className="mt-1 text-xs text-warn-fg" role="status">
                    Waiting: {row.lastError}
                  </p>
                ) : null}
              </TD>
              <TD numeric>{formatShare(row.sampleRate)}</TD>
              <TD>{canManage ? <EnabledToggle slug={slug} row={row} /> : <EnabledBadge enabled={row.enabled} />}</TD>
              <TD numeric>
                <Badge tone={passTone(rate)} dot data-testid="pass-rate">
                  {rate === null ? "No scores yet" : `${formatShare(rate)} passed`}
                </Badge>
                {row.scores.recent.n > 0 ? <span className="ml-1 text-xs text-fg-muted">(last {row.scores.recent.n})</span> : null}
              </TD>
              <TD numeric>
                <span data-testid="scored">{row.scores.total.toLocaleString("en-US")}</span>
                <span className="ml-1 text-xs text-fg-muted">
                  <RelativeTime value={row.scores.lastScoredAt} emptyLabel="never" />
                </span>
              </TD>
              {canManage ? (
                <TD>
                  <div className="flex gap-1">
                    <OnlineEvaluatorFormDialog slug={slug} row={row} />
                    <DeleteButton slug={slug} row={row} />
                  </div>
                </TD>
              ) : null}
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}

const formatShare = (share: number) => `${(share * 100).toFixed(share < 0.1 && share > 0 ? 1 : 0)}%`;

function EnabledBadge({ enabled }: { enabled: boolean }) {
  return (
    <Badge tone={enabled ? "ok" : "muted"} dot>
      {enabled ? "Scoring" : "Off"}
    </Badge>
  );
}

function useRefresh(slug: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: onlineEvaluatorQueryKeys.agent(slug) });
    void queryClient.invalidateQueries({ queryKey: driftQueryKeys.all });
  };
}

function EnabledToggle({ slug, row }: { slug: string; row: OnlineEvaluatorRow }) {
  const [busy, setBusy] = useState(false);
  const refresh = useRefresh(slug);
  async function toggle() {
    setBusy(true);
    const result = await updateOnlineEvaluatorAction(slug, row.id, { enabled: !row.enabled });
    setBusy(false);
    if (!result.ok) return void toast.error(result.error.message);
    toast.success(row.enabled ? `${row.name} stopped scoring` : `${row.name} scores live traces completed from now on`);
    refresh();
  }
  return (
    <button
      type="button"
      role="switch"
      aria-checked={row.enabled}
      aria-label={`Score live traces with ${row.name}`}
      disabled={busy}
      onClick={() => void toggle()}
      className="rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent disabled:opacity-60"
    >
      <EnabledBadge enabled={row.enabled} />
    </button>
  );
}

function DeleteButton({ slug, row }: { slug: string; row: OnlineEvaluatorRow }) {
  const refresh = useRefresh(slug);
  async function remove() {
    const result = await deleteOnlineEvaluatorAction(slug, row.id);
    if (!result.ok) {
      toast.error(result.error.message);
      throw new Error(result.error.message);
    }
    toast.success(`Deleted online evaluator ${row.name}`);
    refresh();
  }
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="ghost" className="text-danger-fg">
          <Trash2 aria-hidden="true" />
          Delete<span className="sr-only"> online evaluator {row.name}</span>
        </Button>
      }
      title={`Delete online evaluator ${row.name}?`}
      consequence={`Its ${row.scores.total.toLocaleString("en-US")} scores and its drift metric ${row.metric} are deleted with it, and live traces stop being scored by it. The audit log keeps its settings.`}
      confirmLabel="Delete evaluator"
      onConfirm={remove}
    />
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import type { CostSummary } from "@/lib/costs/cost-summary";
import { costQueryKeys, COSTS_REFRESH_MS, fetchCostSummary } from "@/lib/costs/queries";
import type { CostViewParams } from "./cost-params";
import { CostPerTaskTable } from "./cost-per-task-table";
import { CostPerVersionTable } from "./cost-per-version-table";
import { CostTotals } from "./cost-totals";
import { GroupBySwitch, groupLabels } from "./group-by-switch";
import { SpendChart } from "./spend-chart";
import { TopTracesTable } from "./top-traces-table";

export type CostSummaryViewProps = {
  initialData: CostSummary;
  /** The summary API's query string for this view (its cache key). */
  search: string;
  basePath: string;
  params: CostViewParams;
  canManagePrices: boolean;
  /** An agent's tab: spend is split by workflow and the group switch is hidden. */
  fixedGroup?: boolean;
};

// The period's figures, server-rendered first and kept current by polling the same lib function.
export function CostSummaryView({ initialData, search, basePath, params, canManagePrices, fixedGroup = false }: CostSummaryViewProps) {
  const query = useQuery({
    queryKey: costQueryKeys.summary(search),
    queryFn: () => fetchCostSummary(search),
    initialData,
    initialDataUpdatedAt: Date.parse(initialData.generatedAt),
    refetchInterval: COSTS_REFRESH_MS,
    retry: 1,
  });
  const summary = query.data;
  const empty = summary.totals.tasks === 0;
  const groupLabel = groupLabels[summary.spend.groupBy].toLowerCase();

  return (
    <div className="flex flex-col gap-4" data-testid="cost-summary">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-fg-muted">
          <span className="font-medium text-fg">{summary.period.label}</span> · days in UTC
        </p>
        <LiveIndicator updatedAt={query.dataUpdatedAt} isError={query.isError} />
      </div>
      {query.isError ? <RefreshFailed error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}

      <CostTotals totals={summary.totals} canManagePrices={canManagePrices} />

      <Section
        title="Spend over time"
        description={`Daily spend in USD by ${groupLabel}. Spans of models without a price are counted as unpriced, not as $0.`}
        actions={fixedGroup ? null : <GroupBySwitch basePath={basePath} params={params} />}
      >
        {empty ? <NoSpend message={noTraces} /> : <SpendChart data={summary.spend} groupLabel={groupLabel} />}
      </Section>

      <Section
        flush={!empty}
        title="Cost per task"
        description="Per agent: a task is one trace. Trends compare with the previous period of the same length."
      >
        {empty ? <NoSpend message={noTraces} /> : <CostPerTaskTable rows={summary.costPerTask} />}
      </Section>

      {summary.agent ? (
        <Section
          flush={!empty}
          title="Cost per version"
          description="This agent's tasks of the period by the version they ran, newest first: what a version change did to cost per task."
        >
          {empty ? <NoSpend message={noTraces} /> : <CostPerVersionTable agentSlug={summary.agent.slug} rows={summary.costPerVersion} />}
        </Section>
      ) : null}

      <Section
        flush={summary.topTraces.length > 0}
        title="Top expensive traces"
        description="The most expensive tasks of the period; open one to see where the cost went."
      >
        {summary.topTraces.length === 0 ? (
          <NoSpend message={empty ? noTraces : "No trace of this period has a priced cost yet: its models have no price."} />
        ) : (
          <TopTracesTable traces={summary.topTraces} />
        )}
      </Section>
    </div>
  );
}

type SectionProps = { title: string; description: string; actions?: ReactNode; flush?: boolean; children: ReactNode };

function Section({ title, description, actions, flush = false, children }: SectionProps) {
  return (
    <Card aria-label={title}>
      <CardHeader className="flex-wrap">
        <div className="flex flex-col gap-0.5">
          <CardTitle>{title}</CardTitle>
          <CardDescription>{description}</CardDescription>
        </div>
        {actions}
      </CardHeader>
      <div className={flush ? undefined : "p-3"}>{children}</div>
    </Card>
  );
}

const noTraces = "No traces in this period. Choose a longer period above.";

function NoSpend({ message }: { message: string }) {
  return <p className="px-1 py-6 text-center text-sm text-fg-muted">{message}</p>;
}

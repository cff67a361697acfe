import { CircleDollarSign } from "lucide-react";
import type { ReactNode } from "react";
import { BudgetsSection } from "@/components/costs/budgets-section";
import { describeIssue, firstValues, summarySearch, type CostViewParams, type RawSearchParams } from "@/components/costs/cost-params";
import { CostSummaryView } from "@/components/costs/cost-summary-view";
import { PeriodFilter } from "@/components/costs/period-filter";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { listBudgets, type BudgetList } from "@/lib/budgets/list-budgets";
import { getCostSummary } from "@/lib/costs/cost-summary";
import { resolvePeriod } from "@/lib/costs/period";
import { costSummaryQuerySchema } from "@/lib/costs/schemas";
import { toAppError } from "@/lib/http/error-response";

export const metadata = { title: "Costs" };

type AgentCostsPageProps = { params: Promise<{ slug: string }>; searchParams: Promise<RawSearchParams> };

// One agent's spend over time (by workflow), cost per task and dearest traces for the period, and the
// budgets that govern it.
export default async function AgentCostsPage({ params, searchParams }: AgentCostsPageProps) {
  const principal = await requirePrincipal();
  const { slug } = await params;
  const raw = firstValues(await searchParams);
  const basePath = `/agents/${slug}/costs`;
  const parsed = costSummaryQuerySchema.safeParse({ period: raw.period, from: raw.from, to: raw.to, groupBy: "workflow", agent: slug });

  if (!parsed.success) {
    const fallback = resolvePeriod({});
    return (
      <CostsSection>
        <PeriodFilter action={basePath} params={{ period: "custom" }} fromDay={fallback.fromDay} toDay={fallback.toDay} />
        <ErrorState
          title="This period cannot be shown"
          message={describeIssue(parsed.error.issues[0])}
          retryHref={basePath}
          retryLabel="Show the last 30 days"
        />
      </CostsSection>
    );
  }

  // The budgets section retries from the browser and shows its own error state if it still fails.
  const budgetsLoad = listBudgets(principal, { agent: slug }).catch((error: unknown): BudgetList | null => {
    console.error("[control-room] agent budgets first paint failed", error);
    return null;
  });
  let summary;
  let budgetList: BudgetList | null;
  try {
    [summary, budgetList] = await Promise.all([getCostSummary(principal, parsed.data), budgetsLoad]);
  } catch (error) {
    return (
      <CostsSection>
        <ErrorState title="Costs could not be loaded" message={toAppError(error).message} retryHref={basePath} />
      </CostsSection>
    );
  }

  const budgets = (
    <BudgetsSection initialData={budgetList} initialDataUpdatedAt={Date.now()} agent={slug} canManage={roleCan(principal.role, "budgets:manage")} />
  );

  if (!summary.hasTraces) {
    return (
      <CostsSection>
        <EmptyState
          icon={<CircleDollarSign />}
          title="No costs yet"
          description={
            <>
              Costs appear here as this agent sends traces that report model usage (input and output tokens), priced with the model price table
              and attributed to its team.
            </>
          }
        />
        {budgets}
      </CostsSection>
    );
  }

  const view: CostViewParams = { period: parsed.data.period, from: parsed.data.from, to: parsed.data.to, groupBy: "workflow" };
  return (
    <CostsSection>
      <PeriodFilter action={basePath} params={{ ...view, groupBy: undefined }} fromDay={summary.period.fromDay} toDay={summary.period.toDay} />
      <CostSummaryView
        initialData={summary}
        search={summarySearch(view, slug)}
        basePath={basePath}
        params={view}
        canManagePrices={roleCan(principal.role, "prices:manage")}
        fixedGroup
      />
      {budgets}
    </CostsSection>
  );
}

function CostsSection({ children }: { children: ReactNode }) {
  return (
    <section aria-label="Costs">
      <h2 className="sr-only">Costs</h2>
      {children}
    </section>
  );
}

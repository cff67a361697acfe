import type { Metadata } from "next";
import Link from "next/link";
import { CircleDollarSign } from "lucide-react";
import { BudgetsSection } from "@/components/costs/budgets-section";
import { ChargebackSection } from "@/components/costs/chargeback-section";
import { costHref, describeIssue, firstValues, summarySearch, type CostViewParams, type RawSearchParams } from "@/components/costs/cost-params";
import { CostSummaryView } from "@/components/costs/cost-summary-view";
import { PeriodFilter } from "@/components/costs/period-filter";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { listBudgets, type BudgetList } from "@/lib/budgets/list-budgets";
import { getChargeback } from "@/lib/costs/chargeback";
import { getCostSummary } from "@/lib/costs/cost-summary";
import { resolvePeriod } from "@/lib/costs/period";
import { chargebackQuerySchema, costSummaryQuerySchema } from "@/lib/costs/schemas";
import { toAppError } from "@/lib/http/error-response";

export const metadata: Metadata = { title: "Costs" };

const description = "What your teams' agents spend, per agent, workflow and department, priced from the model price table.";

export default async function CostsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const principal = await requirePrincipal();
  const raw = firstValues(await searchParams);
  const parsed = costSummaryQuerySchema.safeParse(raw);
  const month = chargebackQuerySchema.safeParse(raw);
  const header = <PageHeader title="Costs" description={description} />;

  if (!parsed.success || !month.success) {
    const fallback = resolvePeriod({});
    return (
      <>
        {header}
        <PeriodFilter action="/costs" params={{ period: "custom" }} fromDay={fallback.fromDay} toDay={fallback.toDay} />
        <ErrorState
          title="This view cannot be shown"
          message={describeIssue((parsed.error ?? month.error)?.issues[0])}
          retryHref="/costs"
          retryLabel="Show the last 30 days"
        />
      </>
    );
  }

  const { period, from, to, groupBy } = parsed.data;
  const params: CostViewParams = { period, from, to, groupBy, month: month.data.month };
  // The budgets section retries from the browser and shows its own error state if it still fails.
  const budgetsLoad = listBudgets(principal).catch((error: unknown): BudgetList | null => {
    console.error("[control-room] budgets first paint failed", error);
    return null;
  });
  let data;
  try {
    const [summary, chargeback, budgets] = await Promise.all([getCostSummary(principal, parsed.data), getChargeback(principal, month.data), budgetsLoad]);
    data = { summary, chargeback, budgets };
  } catch (error) {
    return (
      <>
        {header}
        <ErrorState title="Costs could not be loaded" message={toAppError(error).message} retryHref={costHref("/costs", params)} />
      </>
    );
  }

  const budgets = (
    <BudgetsSection initialData={data.budgets} initialDataUpdatedAt={Date.now()} canManage={roleCan(principal.role, "budgets:manage")} />
  );

  if (!data.summary.hasTraces) {
    return (
      <>
        {header}
        <EmptyState
          icon={<CircleDollarSign />}
          title="No traces yet"
          description={
            <>
              Costs appear as your teams&apos; agents send traces: each model call&apos;s tokens are priced with the{" "}
              <Link href="/admin/prices" className="text-accent underline underline-offset-2">
                model price table
              </Link>{" "}
              and attributed to the agent, its workflow and its team. Connect an agent from its page on{" "}
              <Link href="/agents" className="text-accent underline underline-offset-2">
                Agents
              </Link>
              .
            </>
          }
        />
        {budgets}
      </>
    );
  }

  return (
    <>
      {header}
      <PeriodFilter action="/costs" params={params} fromDay={data.summary.period.fromDay} toDay={data.summary.period.toDay} />
      <CostSummaryView
        initialData={data.summary}
        search={summarySearch(params)}
        basePath="/costs"
        params={params}
        canManagePrices={roleCan(principal.role, "prices:manage")}
      />
      {budgets}
      <ChargebackSection chargeback={data.chargeback} params={params} />
    </>
  );
}

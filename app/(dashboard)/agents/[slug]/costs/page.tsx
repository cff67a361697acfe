import { CircleDollarSign } from "lucide-react";
import type { ReactNode } from "react";
import { AgentTabEmpty } from "@/components/agents/agent-tab-empty";
import { describeIssue, firstValues, summarySearch, type CostViewParams, type RawSearchParams } from "@/components/costs/cost-params";
import { CostSummaryView } from "@/components/costs/cost-summary-view";
import { PeriodFilter } from "@/components/costs/period-filter";
import { ErrorState } from "@/components/ui/error-state";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { getCostSummary } from "@/lib/costs/cost-summary";
import { resolvePeriod } from "@/lib/costs/period";
import { costSummaryQuerySchema } from "@/lib/costs/schemas";
import { toAppError } from "@/lib/http/error-response";

export const metadata = { title: "Costs" };

type AgentCostsPageProps = { params: Promise<{ slug: string }>; searchParams: Promise<RawSearchParams> };

// One agent's spend over time (by workflow), cost per task and dearest traces for the period.
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

  let summary;
  try {
    summary = await getCostSummary(principal, parsed.data);
  } catch (error) {
    return (
      <CostsSection>
        <ErrorState title="Costs could not be loaded" message={toAppError(error).message} retryHref={basePath} />
      </CostsSection>
    );
  }

  if (!summary.hasTraces) {
    return (
      <AgentTabEmpty
        heading="Costs"
        icon={<CircleDollarSign />}
        title="No costs yet"
        description={
          <>
            Costs appear here as this agent sends traces that report model usage (input and output tokens), priced with the model price table
            and attributed to its team.
          </>
        }
      />
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

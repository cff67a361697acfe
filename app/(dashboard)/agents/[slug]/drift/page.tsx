import { AgentDriftView } from "@/components/drift/agent-drift-view";
import { OnlineEvaluatorsPanel } from "@/components/evals/online-evaluators-panel";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors/app-error";
import type { DriftMonitorRow, DriftSeriesData } from "@/lib/drift/queries";
import { parseChartRange, rangeFrom } from "@/lib/drift/chart-range";
import { defaultDriftMetric } from "@/lib/drift/select-metric";
import { getDriftSeries, toSeriesResponse } from "@/lib/drift/series/get-drift-series";
import { listDriftMonitors } from "@/lib/drift/series/monitors-source";

export const metadata = { title: "Drift" };

type AgentDriftPageProps = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// The agent's drift monitors against its baseline, and the chart of one metric (?metric=, default the
// first drifting one, else the first outcome rate). Both are live; this renders the first paint. Below
// them, the agent's online evaluators, whose failure rates are among the monitors.
export default async function AgentDriftPage({ params, searchParams }: AgentDriftPageProps) {
  const principal = await requirePrincipal();
  const { slug } = await params;
  const query = await searchParams;
  const asked = one(query.metric)?.trim() || null;
  const range = parseChartRange(one(query.range));
  // The live queries retry from the browser and show their error states if they still fail.
  const monitors = await listDriftMonitors(principal, { agent: slug }).catch((error: unknown): DriftMonitorRow[] | null => {
    console.error("[control-room] drift monitors first paint failed", error);
    return null;
  });
  const metric = asked ?? defaultDriftMetric(monitors ?? []);
  let series: DriftSeriesData | null = null;
  let seriesError: string | null = null;
  if (metric) {
    try {
      series = toSeriesResponse(await getDriftSeries(principal, slug, metric, { from: rangeFrom(range) ?? undefined }));
    } catch (error) {
      if (isAppError(error) && (error.code === "not_found" || error.code === "bad_request")) seriesError = error.message;
      else console.error("[control-room] drift chart first paint failed", error);
    }
  }
  return (
    <section aria-label="Drift" className="flex flex-col gap-3">
      <h2 className="sr-only">Drift</h2>
      <AgentDriftView
        key={`${metric ?? ""}:${range}`}
        range={range}
        slug={slug}
        metric={metric}
        initialMonitors={monitors}
        initialSeries={series}
        seriesError={seriesError}
        initialDataUpdatedAt={Date.now()}
      />
      <OnlineEvaluatorsPanel slug={slug} canManage={roleCan(principal.role, "evals:manage")} />
    </section>
  );
}

// GET /api/v1/agents/{slug}/drift/{metric}?from=&to= — one drift metric over time against its baseline band (everyone on the agent's team)
import { apiRoute } from "@/lib/http/route";
import { driftSeriesRoutes } from "@/lib/drift/series/routes";
import { getDriftSeries } from "@/lib/drift/series/get-drift-series";
import { metricParam } from "@/lib/drift/series/metric-param";

export const GET = apiRoute(driftSeriesRoutes.series, async ({ principal, params, query }) => {
  const { metric, label, unit, points, baseline, changePointAt, annotations } = await getDriftSeries(principal, params.slug, metricParam(params.metric), query);
  return { metric, label, unit, points, baseline, ...(changePointAt ? { changePointAt } : {}), annotations };
});

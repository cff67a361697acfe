// GET /api/v1/agents/{slug}/drift/{metric}?from=&to= — one drift metric over time against its baseline band (everyone on the agent's team)
import { apiRoute } from "@/lib/http/route";
import { driftSeriesRoutes } from "@/lib/drift/series/routes";
import { getDriftSeries, toSeriesResponse } from "@/lib/drift/series/get-drift-series";
import { metricParam } from "@/lib/drift/series/metric-param";

export const GET = apiRoute(driftSeriesRoutes.series, async ({ principal, params, query }) =>
  toSeriesResponse(await getDriftSeries(principal, params.slug, metricParam(params.metric), query)),
);

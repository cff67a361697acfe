import { declareRoute } from "../../http/route-declaration";
import { driftSeriesQuerySchema, driftSeriesResponseSchema } from "../monitor-view";

// What the drift chart's route takes and gives (app/api/v1/agents/{slug}/drift/{metric}). A metric
// name holds ":" (outcome_rate:approved); sent URL-encoded (outcome_rate%3Aapproved) or plain, both work.
export const driftSeriesRoutes = {
  series: declareRoute({
    method: "GET",
    path: "/api/v1/agents/{slug}/drift/{metric}",
    summary:
      "One drift metric of the agent over time (per time bucket: value and n) against its baseline value and band, with the change point and the changes in the range (default: the last 7 days, or since the baseline started, up to 90 days)",
    auth: "user",
    permission: "drift:read",
    query: driftSeriesQuerySchema,
    response: driftSeriesResponseSchema,
  }),
};

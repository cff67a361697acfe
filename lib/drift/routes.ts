import { declareRoute } from "../http/route-declaration";
import { z } from "../zod";
import { timestamp } from "../http/schemas";
import { driftListQuerySchema, driftListResponseSchema } from "./monitor-view";
import { driftRebaselineSchema, driftSettingsSchema } from "./schemas";

const agentRef = z.object({ slug: z.string() });

// What the drift routes take and give (app/api/v1/drift, app/api/v1/agents/[slug]/drift/**).
export const driftRoutes = {
  list: declareRoute({
    method: "GET",
    path: "/api/v1/drift",
    summary: "Drift monitors of the caller's agents (one agent's with ?agent=): status, baseline, current value, statistic, change point",
    auth: "user",
    permission: "drift:read",
    query: driftListQuerySchema,
    response: driftListResponseSchema,
  }),
  rebaseline: declareRoute({
    method: "POST",
    path: "/api/v1/agents/{slug}/drift/baseline",
    summary: "Re-baseline deliberately: the tasks stored from now on become the new baseline (developers, admins; audited)",
    auth: "user",
    permission: "drift:manage",
    body: driftRebaselineSchema,
    response: z.object({ agent: agentRef, status: z.literal("collecting_baseline"), baselineStartedAt: timestamp }),
  }),
  settings: declareRoute({
    method: "PUT",
    path: "/api/v1/agents/{slug}/drift/settings",
    summary: "Baseline size (tasks, days; from the next baseline) and outcomes to watch besides the baseline's own (developers, admins; audited)",
    auth: "user",
    permission: "drift:manage",
    body: driftSettingsSchema,
    response: z.object({
      agent: agentRef,
      settings: z.object({ baselineTasks: z.number().int(), baselineDays: z.number().int(), outcomes: z.array(z.string()) }),
    }),
  }),
};

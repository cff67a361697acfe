import { declareRoute } from "../http/route-declaration";
import { incidentDetailSchema, incidentResponseSchema } from "./get-incident";
import { incidentListResponseSchema } from "./list-incidents";
import { resolutionStatsSchema } from "./resolution-stats";
import { listIncidentsQuerySchema, openIncidentSchema, resolveIncidentSchema } from "./schemas";

// What the incident routes take and give (app/api/v1/incidents/**).
export const incidentRoutes = {
  open: declareRoute({
    method: "POST",
    path: "/api/v1/incidents",
    summary: "Open an incident about an agent, from an alert or on its own (409 with the existing incident's id when the alert already has one)",
    auth: "user",
    permission: "incidents:open",
    body: openIncidentSchema,
    response: incidentResponseSchema,
    status: 201,
  }),
  list: declareRoute({
    method: "GET",
    path: "/api/v1/incidents",
    summary: "Incidents of the caller's teams, newest first, a page at a time",
    auth: "user",
    permission: "incidents:read",
    query: listIncidentsQuerySchema,
    response: incidentListResponseSchema,
  }),
  stats: declareRoute({
    method: "GET",
    path: "/api/v1/incidents/stats",
    summary: "Median time from alert to resolution of the caller's teams' incidents resolved in the last 30 days, and how many are open",
    auth: "user",
    permission: "incidents:read",
    response: resolutionStatsSchema,
  }),
  get: declareRoute({
    method: "GET",
    path: "/api/v1/incidents/{id}",
    summary: "An incident and its timeline: the alert, the changes before the shift, guard decisions and approvals in the window, every action taken",
    auth: "user",
    permission: "incidents:read",
    response: incidentDetailSchema,
  }),
  resolve: declareRoute({
    method: "POST",
    path: "/api/v1/incidents/{id}/resolve",
    summary: "Resolve an open incident with a summary; its alert is resolved too if still open (409 when already resolved)",
    auth: "user",
    permission: "incidents:manage",
    body: resolveIncidentSchema,
    response: incidentResponseSchema,
  }),
  report: declareRoute({
    method: "GET",
    path: "/api/v1/incidents/{id}/report",
    summary: "The incident report as a Markdown download: summary, impact, timeline, likely cause, actions, follow-ups",
    auth: "user",
    permission: "incidents:read",
    responseMediaTypes: ["text/markdown"],
  }),
};

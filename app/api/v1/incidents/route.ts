// POST /api/v1/incidents — open an incident, from an alert or on its own (operators, admins)
// GET /api/v1/incidents?status=&agent=&cursor= — incidents of the caller's teams, newest first (everyone)
import { apiRoute } from "@/lib/http/route";
import { incidentRoutes } from "@/lib/incidents/routes";
import { openIncident } from "@/lib/incidents/open-incident";
import { listIncidents } from "@/lib/incidents/list-incidents";

export const POST = apiRoute(incidentRoutes.open, async ({ principal, body }) => ({ incident: await openIncident(principal, body) }));
export const GET = apiRoute(incidentRoutes.list, async ({ principal, query }) => listIncidents(principal, query));

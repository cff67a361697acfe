// POST /api/v1/incidents/{id}/resolve — resolve an incident with a summary, and its alert (operators, admins)
import { apiRoute } from "@/lib/http/route";
import { incidentRoutes } from "@/lib/incidents/routes";
import { resolveIncident } from "@/lib/incidents/resolve-incident";

export const POST = apiRoute(incidentRoutes.resolve, async ({ principal, params, body }) => ({ incident: await resolveIncident(principal, params.id, body) }));

// GET /api/v1/incidents/{id} — an incident and its timeline (everyone, own teams)
import { apiRoute } from "@/lib/http/route";
import { incidentRoutes } from "@/lib/incidents/routes";
import { getIncident } from "@/lib/incidents/get-incident";

export const GET = apiRoute(incidentRoutes.get, async ({ principal, params }) => getIncident(principal, params.id));

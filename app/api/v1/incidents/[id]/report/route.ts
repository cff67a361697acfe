// GET /api/v1/incidents/{id}/report — the incident report as a Markdown download (everyone, own teams)
import { apiRoute } from "@/lib/http/route";
import { incidentRoutes } from "@/lib/incidents/routes";
import { getIncidentReport } from "@/lib/incidents/incident-report";

export const GET = apiRoute(incidentRoutes.report, async ({ principal, params }) => {
  const report = await getIncidentReport(principal, params.id);
  return new Response(report.markdown, {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${report.filename}"`,
      "cache-control": "no-store",
    },
  });
});

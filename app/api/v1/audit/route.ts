// GET /api/v1/audit?action=&actor=&targetType=&since=&until=&cursor=&limit= — the audit log, newest first (reviewers, admins)
import { apiRoute } from "@/lib/http/route";
import { auditRoutes } from "@/lib/audit/routes";
import { listAudit } from "@/lib/audit/list-audit";

export const GET = apiRoute(auditRoutes.list, async ({ principal, query }) => listAudit(principal, query));

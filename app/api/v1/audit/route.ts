// GET /api/v1/audit?action=&actor=&targetType=&since=&until=&cursor=&limit= — the audit log, newest first (reviewers, admins)
import { apiRoute } from "@/lib/http/route";
import { listAudit } from "@/lib/audit/list-audit";
import { auditQuerySchema } from "@/lib/audit/schemas";

export const GET = apiRoute({ auth: "user", query: auditQuerySchema }, async ({ principal, query }) => listAudit(principal, query));

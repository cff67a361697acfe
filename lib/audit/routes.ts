import { declareRoute } from "../http/route-declaration";
import { auditListResponseSchema, auditQuerySchema } from "./schemas";

// What the audit route takes and gives (app/api/v1/audit).
export const auditRoutes = {
  list: declareRoute({
    method: "GET",
    path: "/api/v1/audit",
    summary: "The audit log, newest first, filtered and cursor-paginated",
    auth: "user",
    permission: "audit:read",
    query: auditQuerySchema,
    response: auditListResponseSchema,
  }),
};

// GET /api/v1/approvals — pending held actions of the caller's teams, oldest first (session or admin key)
import { apiRoute } from "@/lib/http/route";
import { approvalRoutes } from "@/lib/approvals/routes";
import { listHeld } from "@/lib/approvals/list-held";

export const GET = apiRoute(approvalRoutes.list, async ({ principal, query }) => ({
  approvals: await listHeld(principal, query),
}));

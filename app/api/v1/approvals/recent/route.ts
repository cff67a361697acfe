// GET /api/v1/approvals/recent?hours=&limit= — held actions of the caller's teams decided lately, and by whom (session or admin key)
import { apiRoute } from "@/lib/http/route";
import { approvalRoutes } from "@/lib/approvals/routes";
import { listRecentlyDecided } from "@/lib/approvals/list-recently-decided";

export const GET = apiRoute(approvalRoutes.recent, async ({ principal, query }) => ({
  decisions: await listRecentlyDecided(principal, query),
}));

// GET /api/v1/approvals/stats — pending count and median time to decide over 24 h, caller's teams (session or admin key)
import { apiRoute } from "@/lib/http/route";
import { approvalRoutes } from "@/lib/approvals/routes";
import { getApprovalStats } from "@/lib/approvals/approval-stats";

export const GET = apiRoute(approvalRoutes.stats, async ({ principal }) => ({
  stats: await getApprovalStats(principal),
}));

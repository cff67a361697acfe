// GET /api/v1/approvals/count — how many held actions of the caller's teams wait for a decision (session or admin key)
import { apiRoute } from "@/lib/http/route";
import { approvalRoutes } from "@/lib/approvals/routes";
import { countPendingApprovals } from "@/lib/approvals/approval-stats";

export const GET = apiRoute(approvalRoutes.count, async ({ principal }) => ({
  pending: await countPendingApprovals(principal),
}));

// GET /api/v1/approvals/count — how many held actions of the caller's teams wait for a decision (session or admin key)
import { apiRoute } from "@/lib/http/route";
import { countPendingApprovals } from "@/lib/approvals/approval-stats";

export const GET = apiRoute({ auth: "user" }, async ({ principal }) => ({
  pending: await countPendingApprovals(principal),
}));

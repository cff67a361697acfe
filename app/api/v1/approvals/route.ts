// GET /api/v1/approvals — pending held actions of the caller's teams, oldest first (session or admin key)
import { apiRoute } from "@/lib/http/route";
import { listHeld } from "@/lib/approvals/list-held";
import { listHeldQuerySchema } from "@/lib/guard/schemas";

export const GET = apiRoute({ auth: "user", query: listHeldQuerySchema }, async ({ principal, query }) => ({
  approvals: await listHeld(principal, query),
}));

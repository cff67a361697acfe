// POST /api/v1/guard — decide whether an agent may proceed (agent key)
import { apiRoute } from "@/lib/http/route";
import { checkGuard } from "@/lib/guard/check-guard";
import { guardRequestSchema } from "@/lib/guard/schemas";

export const POST = apiRoute({ auth: "agent", body: guardRequestSchema }, async ({ principal, body }) => checkGuard(principal, body));

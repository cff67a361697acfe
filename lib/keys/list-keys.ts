import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";
import { listKeysQuerySchema } from "./schemas";
import { keyInclude, toKeyView } from "./key-view";

export async function listKeys(principal: Principal, rawQuery: unknown = {}) {
  assertCan(principal, "keys:read");
  const query = listKeysQuerySchema.parse(rawQuery);
  const rows = await db().apiKey.findMany({
    where: {
      ...(query.includeRevoked ? {} : { revokedAt: null }),
      ...(query.agent ? { agent: { slug: query.agent } } : {}),
      // `agent: {}` would match no row in Prisma 7 (admins would see no agent keys); `is` matches any agent.
      OR: [{ agent: { is: teamAccess(principal).where() } }, { agentId: null }],
    },
    include: keyInclude,
    orderBy: { createdAt: "desc" },
  });
  return rows.map(toKeyView);
}

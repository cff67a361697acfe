import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";
import { listPromotionsQuerySchema } from "./schemas";
import { toPromotionView } from "./promotion-view";

const LIMIT = 200;

// Production requests of the caller's teams: pending ones oldest first (a queue), decided ones newest first.
export async function listPromotions(principal: Principal, rawQuery: unknown = {}) {
  assertCan(principal, "versions:read");
  const query = listPromotionsQuerySchema.parse(rawQuery ?? {});
  const agents = await db().agent.findMany({
    where: { ...teamAccess(principal).where(), ...(query.agent ? { slug: query.agent } : {}) },
    select: { id: true, slug: true, name: true },
  });
  const byId = new Map(agents.map((agent) => [agent.id, agent]));
  const requests = await db().promotionRequest.findMany({
    where: { agentId: { in: [...byId.keys()] }, ...(query.status ? { status: query.status } : {}) },
    orderBy: { requestedAt: query.status === "pending" ? "asc" : "desc" },
    take: LIMIT,
  });
  const versions = await db().agentVersion.findMany({ where: { id: { in: requests.map((request) => request.versionId) } }, select: { id: true, label: true, stage: true } });
  const versionById = new Map(versions.map((version) => [version.id, version]));
  return requests.map((request) => {
    const version = versionById.get(request.versionId)!;
    return toPromotionView(request, { agent: byId.get(request.agentId)!, label: version.label, fromStage: version.stage });
  });
}

export async function countPendingPromotions(principal: Principal) {
  assertCan(principal, "versions:read");
  const agents = await db().agent.findMany({ where: teamAccess(principal).where(), select: { id: true } });
  return db().promotionRequest.count({ where: { status: "pending", agentId: { in: agents.map((agent) => agent.id) } } });
}

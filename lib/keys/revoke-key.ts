import { transaction } from "../db/transaction";
import { emit } from "../events/emit";
import { assertCan, type Principal } from "../auth/principal";
import { assertVisible, notVisible } from "../auth/team-access";
import { isUuid } from "../db/ids";
import { recordAudit } from "../audit/record-audit";
import { keyInclude, toKeyView } from "./key-view";
import { apiKeyRevoked } from "./events";

// Revoked keys stop authenticating on their next request. Revoking twice is a no-op.
export async function revokeKey(principal: Principal, keyId: string) {
  assertCan(principal, "keys:manage");
  return transaction(async (tx) => {
    const key = isUuid(keyId) ? await tx.apiKey.findUnique({ where: { id: keyId }, include: keyInclude }) : null;
    if (!key) throw notVisible("API key");
    if (key.agent) assertVisible(principal, key.agent.teamId, "API key");
    if (key.revokedAt) return toKeyView(key);
    const revoked = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() }, include: keyInclude });
    await recordAudit(tx, principal, {
      action: "key.revoke",
      targetType: "api_key",
      targetId: key.id,
      teamId: key.agent?.teamId ?? null,
      before: { name: key.name, prefix: key.prefix, revokedAt: null },
      after: { name: key.name, prefix: key.prefix, revokedAt: revoked.revokedAt },
    });
    // Every replica forgets its cached keys once this commits (lib/agents/subscriptions.ts).
    await emit(tx, apiKeyRevoked, { keyId: key.id, agentId: key.agentId });
    return toKeyView(revoked);
  });
}

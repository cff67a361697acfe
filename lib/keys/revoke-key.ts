import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { assertVisible, notVisible } from "../auth/team-access";
import { isUuid } from "../db/ids";
import { recordAudit } from "../audit/record-audit";
import { keyInclude, toKeyView } from "./key-view";
import { forgetCachedAgents } from "../agents/cached-agents";
import { publishAgentChange } from "../db/change-events";

// Revoked keys stop authenticating on their next request. Revoking twice is a no-op.
export async function revokeKey(principal: Principal, keyId: string) {
  assertCan(principal, "keys:manage");
  const view = await db().$transaction(async (tx) => {
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
    // Other replicas forget their cached keys when this commits.
    await publishAgentChange(tx);
    return toKeyView(revoked);
  });
  // Only once the revocation has committed, or a concurrent lookup could cache the key again.
  forgetCachedAgents();
  return view;
}

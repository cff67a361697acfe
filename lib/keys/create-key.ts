import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { AppError } from "../errors/app-error";
import { recordAudit } from "../audit/record-audit";
import { findAgentForPrincipal } from "../agents/get-agent";
import { createKeySchema } from "./schemas";
import { generateKeySecret } from "./key-secret";
import { keyInclude, toKeyView } from "./key-view";

// A key for an agent to call the agent-facing API. The secret is returned once and never stored.
export async function createAgentKey(principal: Principal, slug: string, rawInput: unknown) {
  assertCan(principal, "keys:manage");
  const input = createKeySchema.parse(rawInput);
  return db().$transaction(async (tx) => {
    const agent = await findAgentForPrincipal(tx, principal, slug);
    if (agent.status === "terminated") throw new AppError("conflict", `Agent "${slug}" is terminated; it cannot get new keys`);
    const secret = generateKeySecret();
    const created = await tx.apiKey.create({
      data: {
        name: input.name,
        prefix: secret.prefix,
        hash: secret.hash,
        agentId: agent.id,
        createdById: principal.kind === "user" ? principal.userId : null,
      },
      include: keyInclude,
    });
    await recordAudit(tx, principal, {
      action: "key.create",
      targetType: "api_key",
      targetId: created.id,
      teamId: agent.teamId,
      after: { name: created.name, prefix: created.prefix, agent: slug },
    });
    return { key: secret.key, apiKey: toKeyView(created) };
  });
}

// A key with which the admin who creates it uses the management API (acting as that admin).
export async function createAdminKey(principal: Principal, rawInput: unknown) {
  assertCan(principal, "keys:manage");
  if (principal.kind !== "user") throw new AppError("forbidden", "Only a signed-in admin can create an admin key for themselves");
  const input = createKeySchema.parse(rawInput);
  return db().$transaction(async (tx) => {
    const secret = generateKeySecret();
    const created = await tx.apiKey.create({
      data: { name: input.name, prefix: secret.prefix, hash: secret.hash, userId: principal.userId, createdById: principal.userId },
      include: keyInclude,
    });
    await recordAudit(tx, principal, {
      action: "key.create",
      targetType: "api_key",
      targetId: created.id,
      after: { name: created.name, prefix: created.prefix, user: principal.email },
    });
    return { key: secret.key, apiKey: toKeyView(created) };
  });
}

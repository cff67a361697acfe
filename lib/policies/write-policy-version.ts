import type { Prisma } from "../generated/prisma/client";
import type { Tx } from "../db/client";
import { transaction } from "../db/transaction";
import { emit } from "../events/emit";
import { policyChanged } from "./events";
import { isUniqueViolation } from "../db/unique-violation";
import type { Principal } from "../auth/principal";
import { AppError } from "../errors/app-error";
import { recordAudit } from "../audit/record-audit";
import { scopeLabel, type ScopeNames } from "./policy-scope";
import type { StoredDocument } from "./validate-document";

export type PolicyAgent = { id: string; slug: string; teamId: string };

export type WritePolicyInput = {
  agent: PolicyAgent;
  scope: ScopeNames;
  document: StoredDocument;
  // The version the writer edited; null to create the scope. Anything else than the current version is a conflict.
  baseVersion: number | null;
  note: string;
  audit: { action: string; extra?: Record<string, unknown> };
};

export function staleVersion(scope: ScopeNames, edited: number | null, current: number | null): AppError {
  const what = `The ${scopeLabel(scope).toLowerCase()} policy`;
  if (current === null) return new AppError("conflict", `${what} was deleted after you opened it (you edited version ${edited}): start from a new policy`);
  if (edited === null) return new AppError("conflict", `${what} already exists (version ${current}): open it and edit that version`);
  return new AppError(
    "conflict",
    `${what} changed after you opened it: you edited version ${edited}, the current version is ${current}. Reload, re-apply your change and save again.`,
    { details: { baseVersion: edited, currentVersion: current } },
  );
}

// Writes the next version of a scope's policy (or its first), records it in the audit log and tells
// every replica, all in the caller's transaction. Permission and team checks are the caller's.
export async function writePolicyVersion(tx: Tx, principal: Principal, input: WritePolicyInput) {
  const { agent, scope, document, baseVersion, note } = input;
  const key = { agentId: agent.id, workflow: scope.workflow, decisionType: scope.decisionType };
  const current = await tx.policy.findUnique({ where: { agentId_workflow_decisionType: key } });
  const userId = principal.kind === "user" ? principal.userId : null;
  const json = document as Prisma.InputJsonValue;
  if ((current?.version ?? null) !== baseVersion) throw staleVersion(scope, baseVersion, current?.version ?? null);

  let policy;
  if (!current) {
    // Two first writes at once: the unique key lets one through; the other fails its transaction.
    policy = await tx.policy.create({
      data: { ...key, document: json, version: 1, updatedById: userId, versions: { create: { version: 1, document: json, createdById: userId, note } } },
    });
  } else {
    // The conditional update is the referee between two admins saving the same version at once.
    const { count } = await tx.policy.updateMany({
      where: { id: current.id, version: current.version },
      data: { document: json, version: current.version + 1, updatedById: userId },
    });
    if (count === 0) {
      const now = await tx.policy.findUnique({ where: { id: current.id }, select: { version: true } });
      throw staleVersion(scope, baseVersion, now?.version ?? null);
    }
    await tx.policyVersion.create({ data: { policyId: current.id, version: current.version + 1, document: json, createdById: userId, note } });
    policy = await tx.policy.findUniqueOrThrow({ where: { id: current.id } });
  }
  await recordAudit(tx, principal, {
    action: input.audit.action,
    targetType: "policy",
    targetId: policy.id,
    teamId: agent.teamId,
    before: current ? { agent: agent.slug, ...scope, version: current.version, document: current.document } : null,
    after: { agent: agent.slug, ...scope, version: policy.version, document, ...(note ? { note } : {}), ...input.audit.extra },
  });
  await emit(tx, policyChanged, { agentId: agent.id });
  return policy;
}

// One policy change: its transaction (whose policyChanged event makes every replica's guard forget the
// agent's policies), and a clear conflict when a concurrent first write won the unique key.
export async function changePolicies<T>(change: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await transaction(change);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "Someone else created a policy for this scope at the same moment: reload and edit their version");
    throw error;
  }
}

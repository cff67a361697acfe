import { AppError } from "../errors/app-error";

// A policy's scope within its agent: "" means "any". In URLs and the guard's version strings a scope is
// written as a key: "agent", "workflow:intake", "decisionType:claim.approve" or
// "workflow:intake+decisionType:claim.approve" (names cannot contain "+").

export type ScopeNames = { workflow: string; decisionType: string };

const namePattern = /^[\w][\w.:/-]*$/;

export function scopeKeyOf({ workflow, decisionType }: ScopeNames): string {
  const parts = [workflow && `workflow:${workflow}`, decisionType && `decisionType:${decisionType}`].filter(Boolean);
  return parts.length ? parts.join("+") : "agent";
}

export function parseScopeKey(key: string): ScopeNames {
  const text = key.trim();
  if (text === "agent" || text === "") return { workflow: "", decisionType: "" };
  const scope: ScopeNames = { workflow: "", decisionType: "" };
  for (const part of text.split("+")) {
    const match = /^(workflow|decisionType):(.+)$/.exec(part);
    if (!match || !namePattern.test(match[2]) || match[2].length > 120 || scope[match[1] as keyof ScopeNames]) {
      throw new AppError(
        "bad_request",
        `"${key}" is not a policy scope: use agent, workflow:<name>, decisionType:<name> or workflow:<name>+decisionType:<name>`,
      );
    }
    scope[match[1] as keyof ScopeNames] = match[2];
  }
  return scope;
}

export function scopeLabel({ workflow, decisionType }: ScopeNames): string {
  if (workflow && decisionType) return `Workflow ${workflow} · decision type ${decisionType}`;
  if (workflow) return `Workflow ${workflow}`;
  if (decisionType) return `Decision type ${decisionType}`;
  return "Agent-wide";
}

// Agent-wide first, then workflows, decision types, and both (the order specificity ranks them).
export function scopeRank({ workflow, decisionType }: ScopeNames): number {
  return (workflow ? 1 : 0) + (decisionType ? 2 : 0);
}

export function compareScopes(a: ScopeNames, b: ScopeNames): number {
  return scopeRank(a) - scopeRank(b) || a.workflow.localeCompare(b.workflow) || a.decisionType.localeCompare(b.decisionType);
}

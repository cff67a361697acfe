import { ZodError } from "zod";
import { transaction } from "../db/transaction";
import { emit } from "../events/emit";
import { teamChanged } from "../teams/events";
import { z } from "../zod";
import { assertCan, type Principal } from "../auth/principal";
import { AppError, notFound } from "../errors/app-error";
import { isUuid } from "../db/ids";
import { recordAudit } from "../audit/record-audit";
import type { Budget } from "../policies/document-schema";
import { teamBudgetsSchema } from "./team-budgets";

export const setTeamBudgetsSchema = z.strictObject({ budgets: teamBudgetsSchema });
export type SetTeamBudgetsInput = z.input<typeof setTeamBudgetsSchema>;

// An admin writes a department's budgets (the whole list: at most one per window; [] removes them).
// The guard applies them from the agents' next action (every replica forgets its cached copy); the
// audit entry keeps what they were.
export async function setTeamBudgets(principal: Principal, teamId: string, rawInput: unknown): Promise<{ team: { id: string; name: string }; budgets: Budget[] }> {
  assertCan(principal, "budgets:manage");
  const { budgets } = parseInput(rawInput);
  return transaction(async (tx) => {
    const current = isUuid(teamId) ? await tx.team.findUnique({ where: { id: teamId }, select: { id: true, name: true, budgets: true } }) : null;
    if (!current) throw notFound("Team");
    await tx.team.update({ where: { id: teamId }, data: { budgets } });
    await recordAudit(tx, principal, {
      action: "budget.set",
      targetType: "team",
      targetId: current.id,
      teamId: current.id,
      before: { team: current.name, budgets: current.budgets },
      after: { team: current.name, budgets },
    });
    await emit(tx, teamChanged, { teamId: current.id });
    return { team: { id: current.id, name: current.name }, budgets };
  });
}

// Field errors keyed by their full path ("budgets.1.usd"), so a form can put each under its input.
function parseInput(rawInput: unknown) {
  try {
    return setTeamBudgetsSchema.parse(rawInput ?? {});
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of error.issues) {
      const path = issue.path.map(String).join(".") || "budgets";
      (fieldErrors[path] ??= []).push(issue.message);
    }
    const first = error.issues[0];
    const where = first.path.length ? `${first.path.join(".")}: ` : "";
    throw new AppError("validation_failed", `Invalid input — ${where}${first.message}`, { details: { fieldErrors } });
  }
}

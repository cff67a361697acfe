import { db } from "../db/client";
import type { SystemPrincipal } from "../auth/principal";
import { setTeamBudgets } from "../budgets/set-team-budgets";
import { budgetSchema } from "../policies/document-schema";
import { demoTeamBudgets, formerDemoTeamBudgets } from "./demo-policies";

// A demo database seeded before the budget exhaustion moved from Claims to Procurement still denies
// every claims action once Claims' small daily budget is spent. When the departments still hold exactly
// the former demo budgets (nobody changed them since), they get the current ones, through the same
// function an admin uses (audited, and every replica's guard forgets its cached copy). Anything else
// is an admin's choice and is left alone.
export async function upgradeDemoBudgets(seeder: SystemPrincipal): Promise<number> {
  const names = [...new Set([...Object.keys(formerDemoTeamBudgets), ...Object.keys(demoTeamBudgets)])];
  const teams = await db().team.findMany({ where: { name: { in: names } }, select: { id: true, name: true, budgets: true } });
  if (teams.length !== names.length) return 0;
  const normalised = (budgets: unknown) => canonical((budgets as unknown[]).map((budget) => budgetSchema.parse(budget)));
  const stillFormer = teams.every((team) => canonical(team.budgets) === normalised(formerDemoTeamBudgets[team.name] ?? []));
  if (!stillFormer) return 0;
  for (const team of teams) {
    await setTeamBudgets(seeder, team.id, { budgets: demoTeamBudgets[team.name] ?? [] });
  }
  return teams.length;
}

// JSON with sorted keys: jsonb does not keep the order the budgets were written in.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

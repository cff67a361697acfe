import type { Tx } from "../db/client";
import { AppError } from "../errors/app-error";
import { isUuid } from "../db/ids";

// A team named by id or by (case-insensitive) name, as the management API accepts both.
export async function resolveTeam(tx: Tx, team: string) {
  const found = isUuid(team)
    ? await tx.team.findUnique({ where: { id: team } })
    : await tx.team.findFirst({ where: { name: { equals: team, mode: "insensitive" } } });
  if (!found) throw new AppError("validation_failed", `Team "${team}" does not exist`, { details: { fieldErrors: { team: ["Unknown team"] } } });
  return found;
}

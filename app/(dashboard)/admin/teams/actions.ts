"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/http/action";
import { createTeam, deleteTeam, updateTeam } from "@/lib/teams/manage-team";
import type { TeamInput } from "@/lib/teams/schemas";

type TeamSummary = { id: string; name: string };

// Team names also appear on the users page.
function revalidateTeamPages() {
  revalidatePath("/admin/teams");
  revalidatePath("/admin/users");
}

export async function createTeamAction(input: TeamInput): Promise<ActionResult<TeamSummary>> {
  const result = await runAction(async (principal) => {
    const team = await createTeam(principal, input);
    return { id: team.id, name: team.name };
  });
  if (result.ok) revalidateTeamPages();
  return result;
}

export async function updateTeamAction(teamId: string, input: TeamInput): Promise<ActionResult<TeamSummary>> {
  const result = await runAction(async (principal) => {
    const team = await updateTeam(principal, teamId, input);
    return { id: team.id, name: team.name };
  });
  if (result.ok) revalidateTeamPages();
  return result;
}

export async function deleteTeamAction(teamId: string): Promise<ActionResult<{ id: string }>> {
  const result = await runAction((principal) => deleteTeam(principal, teamId));
  if (result.ok) revalidateTeamPages();
  return result;
}

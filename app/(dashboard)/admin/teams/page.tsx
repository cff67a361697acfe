import type { Metadata } from "next";
import { UsersRound } from "lucide-react";
import { requirePrincipal } from "@/lib/auth/session";
import { toAppError } from "@/lib/http/error-response";
import { listTeams } from "@/lib/teams/list-teams";
import { requirePagePermission } from "@/components/auth/page-gate";
import { DeleteTeamButton, TeamFormDialog } from "@/components/admin/team-form";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";

export const metadata: Metadata = { title: "Teams" };

const description = "Agents belong to one team; everyone but admins acts only on their teams' agents.";

export default async function TeamsPage() {
  const principal = await requirePrincipal();
  // Every role may read its own teams, so this admin page is gated on the manage permission.
  requirePagePermission(principal, "teams:manage");

  let teams;
  try {
    teams = await listTeams(principal);
  } catch (error) {
    const failure = toAppError(error);
    return (
      <>
        <PageHeader title="Teams" description={description} />
        <ErrorState title="Teams could not be loaded" message={failure.message} retryHref="/admin/teams" />
      </>
    );
  }

  return (
    <>
      <PageHeader title="Teams" description={description} actions={<TeamFormDialog />} />
      {teams.length === 0 ? (
        <EmptyState
          icon={<UsersRound />}
          title="No teams yet"
          description="Create a team, then register agents in it and add its people on the Users page."
        />
      ) : (
        <Table label="Teams">
          <THead>
            <tr>
              <TH>Name</TH>
              <TH>Description</TH>
              <TH numeric>Agents</TH>
              <TH numeric>Members</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </tr>
          </THead>
          <TBody>
            {teams.map((team) => (
              <TR key={team.id} data-team={team.name}>
                <TD className="font-medium">{team.name}</TD>
                <TD className="max-w-md text-fg-muted">{team.description || "—"}</TD>
                <TD numeric>{team.agentCount}</TD>
                <TD numeric>{team.memberCount}</TD>
                <TD className="text-right whitespace-nowrap">
                  <div className="flex justify-end gap-1">
                    <TeamFormDialog team={team} />
                    <DeleteTeamButton team={team} />
                  </div>
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}

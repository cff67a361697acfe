import type { Metadata } from "next";
import { Users } from "lucide-react";
import { requirePrincipal } from "@/lib/auth/session";
import { roleCan } from "@/lib/auth/permissions";
import { toAppError } from "@/lib/http/error-response";
import { listTeams } from "@/lib/teams/list-teams";
import { listUsers } from "@/lib/users/list-users";
import { requirePagePermission } from "@/components/auth/page-gate";
import { CreateUserDialog } from "@/components/admin/user-form";
import { UsersTable } from "@/components/admin/users-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Users" };

const description = "Who can sign in, with which role, on which teams.";

export default async function UsersPage() {
  const principal = await requirePrincipal();
  requirePagePermission(principal, "users:read");
  let data;
  try {
    const [users, teams] = await Promise.all([listUsers(principal), listTeams(principal)]);
    data = { users, teams: teams.map((team) => ({ id: team.id, name: team.name })) };
  } catch (error) {
    const failure = toAppError(error);
    return (
      <>
        <PageHeader title="Users" description={description} />
        <ErrorState title="Users could not be loaded" message={failure.message} retryHref="/admin/users" />
      </>
    );
  }

  const canManage = roleCan(principal.role, "users:manage");
  return (
    <>
      <PageHeader
        title="Users"
        description={description}
        actions={canManage ? <CreateUserDialog teams={data.teams} /> : null}
      />
      {data.users.length === 0 ? (
        <EmptyState icon={<Users />} title="No users yet" description="Add a user to give someone access." />
      ) : (
        <UsersTable users={data.users} teams={data.teams} currentUserId={principal.userId} canManage={canManage} />
      )}
    </>
  );
}

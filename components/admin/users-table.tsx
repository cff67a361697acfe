"use client";

import { useMemo, useState } from "react";
import { updateUserAction } from "@/app/(dashboard)/admin/users/actions";
import { roleLabels, roles } from "@/lib/auth/roles";
import type { UserView } from "@/lib/users/user-view";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { clampPage, Pager } from "@/components/ui/pager";
import { FilterBox } from "@/components/ui/filter-box";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR, type SortDirection } from "@/components/ui/table";
import { toast } from "@/components/ui/toaster";
import { EditUserDialog, type TeamOption } from "./user-form";

type SortKey = "name" | "email" | "role" | "lastLoginAt";
type Sort = { key: SortKey; direction: "asc" | "desc" };
// Rows per page: an organisation's hundreds of users, each row with its dialogs, made the page slow to
// render and update. The filter and the sort still see every user.
const PAGE_SIZE = 50;

export type UsersTableProps = {
  users: UserView[];
  teams: TeamOption[];
  currentUserId: string;
  canManage: boolean;
};

const compareBy: Record<SortKey, (a: UserView, b: UserView) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  email: (a, b) => a.email.localeCompare(b.email),
  role: (a, b) => roles.indexOf(a.role) - roles.indexOf(b.role),
  // Never signed in sorts as the oldest.
  lastLoginAt: (a, b) => (a.lastLoginAt ?? "").localeCompare(b.lastLoginAt ?? ""),
};

export function UsersTable({ users, teams, currentUserId, canManage }: UsersTableProps) {
  const [sort, setSort] = useState<Sort | null>(null);
  const [filter, setFilter] = useState("");
  const [page, setPage] = useState(0);

  const visibleUsers = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const matching = needle
      ? users.filter((user) =>
          [user.name, user.email, roleLabels[user.role], ...user.teams.map((team) => team.name)].some((text) =>
            text.toLowerCase().includes(needle),
          ),
        )
      : users;
    if (!sort) return matching;
    const sign = sort.direction === "asc" ? 1 : -1;
    return [...matching].sort((a, b) => sign * compareBy[sort.key](a, b));
  }, [users, filter, sort]);

  // A deactivation or a narrower filter can leave fewer pages than the one shown.
  const shownPage = clampPage(page, PAGE_SIZE, visibleUsers.length);
  const pageUsers = visibleUsers.slice(shownPage * PAGE_SIZE, (shownPage + 1) * PAGE_SIZE);

  const sortOf = (key: SortKey): SortDirection => (sort?.key === key ? sort.direction : "none");
  const toggleSort = (key: SortKey) => {
    setPage(0);
    setSort((current) => ({ key, direction: current?.key === key && current.direction === "asc" ? "desc" : "asc" }));
  };

  return (
    <div className="flex flex-col gap-2">
      <FilterBox
        id="users-filter"
        value={filter}
        onChange={(value) => {
          setFilter(value);
          setPage(0);
        }}
        placeholder="Name, email, role or team"
        shown={visibleUsers.length}
        total={users.length}
        noun="users"
      />
      <Table label="Users">
        <THead>
          <tr>
            <TH sort={sortOf("name")} onSort={() => toggleSort("name")}>Name</TH>
            <TH sort={sortOf("email")} onSort={() => toggleSort("email")}>Email</TH>
            <TH sort={sortOf("role")} onSort={() => toggleSort("role")}>Role</TH>
            <TH>Teams</TH>
            <TH>Status</TH>
            <TH sort={sortOf("lastLoginAt")} onSort={() => toggleSort("lastLoginAt")}>Last login</TH>
            {canManage ? <TH><span className="sr-only">Actions</span></TH> : null}
          </tr>
        </THead>
        <TBody>
          {pageUsers.map((user) => (
            <TR key={user.id} data-user={user.email}>
              <TD className="font-medium whitespace-nowrap">
                {user.name}
                {user.id === currentUserId ? <span className="ml-1.5 text-xs font-normal text-fg-muted">(you)</span> : null}
              </TD>
              <TD>{user.email}</TD>
              <TD>
                <Badge tone={user.role === "admin" ? "info" : "muted"}>{roleLabels[user.role]}</Badge>
              </TD>
              <TD className="text-fg-muted">
                {user.role === "admin" ? "All teams" : user.teams.length ? user.teams.map((team) => team.name).join(", ") : "None"}
              </TD>
              <TD>
                <Badge tone={user.active ? "ok" : "danger"} dot>
                  {user.active ? "Active" : "Deactivated"}
                </Badge>
              </TD>
              <TD>
                <RelativeTime value={user.lastLoginAt} emptyLabel="Never" />
              </TD>
              {canManage ? (
                <TD className="text-right whitespace-nowrap">
                  <UserActions user={user} teams={teams} isSelf={user.id === currentUserId} />
                </TD>
              ) : null}
            </TR>
          ))}
        </TBody>
      </Table>
      <Pager page={shownPage} pageSize={PAGE_SIZE} total={visibleUsers.length} onPage={setPage} label="User pages" noun="Users" />
      {visibleUsers.length === 0 ? <p className="px-1 text-sm text-fg-muted">No user matches “{filter}”.</p> : null}
    </div>
  );
}

function UserActions({ user, teams, isSelf }: { user: UserView; teams: TeamOption[]; isSelf: boolean }) {
  async function setActive(active: boolean) {
    const result = await updateUserAction(user.id, { active });
    if (!result.ok) {
      toast.error(result.error.message);
      throw new Error(result.error.message);
    }
    toast.success(`${active ? "Reactivated" : "Deactivated"} ${user.email}`);
  }

  return (
    <div className="flex justify-end gap-1">
      <EditUserDialog user={user} teams={teams} />
      {user.active ? (
        isSelf ? null : (
          <ConfirmDialog
            trigger={
              <Button size="sm" variant="ghost" className="text-danger-fg">
                Deactivate<span className="sr-only"> {user.email}</span>
              </Button>
            }
            title={`Deactivate ${user.email}?`}
            consequence="They are signed out on their next request and can no longer sign in. Their admin API keys stop working; their history stays in the audit log."
            confirmLabel="Deactivate"
            onConfirm={() => setActive(false)}
          />
        )
      ) : (
        <ConfirmDialog
          trigger={
            <Button size="sm" variant="ghost">
              Reactivate<span className="sr-only"> {user.email}</span>
            </Button>
          }
          title={`Reactivate ${user.email}?`}
          consequence="They can sign in again with their current password, with the role and teams shown here."
          confirmLabel="Reactivate"
          variant="primary"
          onConfirm={() => setActive(true)}
        />
      )}
    </div>
  );
}

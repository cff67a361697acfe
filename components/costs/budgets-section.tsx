"use client";

import { useQuery } from "@tanstack/react-query";
import { Gauge, Pencil } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { LoadingRows } from "@/components/ui/loading";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import type { BudgetList } from "@/lib/budgets/list-budgets";
import { BUDGETS_REFRESH_MS, budgetQueryKeys, fetchBudgets } from "@/lib/budgets/queries";
import { BudgetAlertsList } from "./budget-alerts-list";
import { BudgetsTable } from "./budgets-table";
import { DepartmentBudgetsDialog } from "./department-budgets-dialog";
import { rolesWithCapital } from "@/components/auth/who-may";

export type BudgetsSectionProps = {
  /** Server-rendered first paint; null when it failed (the client retries). */
  initialData: BudgetList | null;
  initialDataUpdatedAt: number;
  /** Only this agent's budgets (its own, its workflows', its department's). */
  agent?: string;
  /** Admins edit department budgets (budgets:manage). */
  canManage: boolean;
};

const link = "text-accent underline underline-offset-2";

// Budgets with this window's spend, kept live, and the latest alerts.
export function BudgetsSection({ initialData, initialDataUpdatedAt, agent, canManage }: BudgetsSectionProps) {
  const query = useQuery({
    queryKey: budgetQueryKeys.list(agent),
    queryFn: () => fetchBudgets(agent),
    initialData: initialData ?? undefined,
    initialDataUpdatedAt: initialData ? initialDataUpdatedAt : undefined,
    refetchInterval: BUDGETS_REFRESH_MS,
    retry: 1,
  });
  const data = query.data;
  const departments = data?.departments ?? [];
  const editable = canManage && !agent && departments.length > 0;

  return (
    <Card aria-labelledby="budgets-title" className="mt-4">
      <CardHeader className="flex-wrap">
        <div className="flex flex-col gap-0.5">
          <CardTitle id="budgets-title">Budgets</CardTitle>
          <CardDescription>
            {agent
              ? "The budgets that govern this agent: its own and its workflows' (from its policies) and its department's. "
              : "Spend limits per department, agent and workflow in the current UTC day, ISO week or month. "}
            At the limit the agent&apos;s next action is held for a reviewer or denied.
          </CardDescription>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {data ? <LiveIndicator updatedAt={query.dataUpdatedAt} isError={query.isError} /> : null}
          {editable ? (
            <DepartmentBudgetsDialog
              departments={departments}
              initialTeamId={departments[0].id}
              trigger={
                <Button variant="primary">
                  <Pencil aria-hidden="true" />
                  Edit department budgets
                </Button>
              }
            />
          ) : null}
        </div>
      </CardHeader>
      {!data ? (
        query.isError ? (
          <ErrorState title="Budgets could not be loaded" message={`${query.error.message}. It is retried every few seconds.`} onRetry={() => void query.refetch()} />
        ) : (
          <LoadingRows rows={3} columns={6} label="Loading budgets…" />
        )
      ) : (
        <>
          {query.isError ? <RefreshFailed error={query.error} className="px-4 pt-3" /> : null}
          {data.problems.map((problem) => (
            <p key={problem.owner} role="alert" className="mx-4 mt-3 rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger-fg">
              The budgets of the {problem.owner} cannot be read, so the guard applies its fail mode to its agents: {problem.message}
            </p>
          ))}
          {data.budgets.length === 0 ? (
            <EmptyState
              className="m-4"
              icon={<Gauge />}
              title={agent ? "No budget governs this agent" : "No budgets yet"}
              description={
                <>
                  {canManage ? "Set a department's limits with Edit department budgets above" : `${rolesWithCapital("budgets:manage")} set department budgets here, on Costs`}; an agent&apos;s or a
                  workflow&apos;s budget is part of its policy, on the agent&apos;s{" "}
                  {agent ? (
                    <Link href={`/agents/${agent}/policies`} className={link}>
                      Policies tab
                    </Link>
                  ) : (
                    <>
                      Policies tab (from{" "}
                      <Link href="/agents" className={link}>
                        Agents
                      </Link>
                      )
                    </>
                  )}
                  .
                </>
              }
            />
          ) : (
            <BudgetsTable
              budgets={data.budgets}
              rowAction={
                editable
                  ? (budget) =>
                      budget.kind === "department" ? (
                        <DepartmentBudgetsDialog
                          departments={departments}
                          initialTeamId={budget.team.id}
                          trigger={
                            <Button size="sm" variant="ghost">
                              <Pencil aria-hidden="true" />
                              Edit<span className="sr-only"> budgets of {budget.team.name}</span>
                            </Button>
                          }
                        />
                      ) : null
                  : undefined
              }
            />
          )}
          <div className="border-t border-border">
            <h3 className="px-4 pt-3 text-xs font-semibold text-fg-muted">Recent alerts</h3>
            <BudgetAlertsList alerts={data.alerts} />
          </div>
        </>
      )}
    </Card>
  );
}

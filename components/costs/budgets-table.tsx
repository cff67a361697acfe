import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { BudgetView } from "@/lib/budgets/list-budgets";
import { formatCount, formatUsd } from "@/lib/costs/format";
import { BudgetProgress } from "./budget-progress";
import { formatLimit, formatSpendOf, statusDisplay, windowLabel } from "./budget-format";
import { agentListHref } from "@/components/agents/agent-list-params";

const linkClasses = "font-medium text-accent underline-offset-2 hover:underline";

export function BudgetScope({ budget }: { budget: Pick<BudgetView, "kind" | "team" | "agent" | "workflow" | "decisionType"> }) {
  if (budget.kind === "department") {
    return (
      <span className="flex flex-col gap-0.5">
        <Link href={agentListHref({ team: budget.team.name })} className={linkClasses}>
          {budget.team.name}
        </Link>
        <span className="text-xs text-fg-muted">Department · every agent of the team</span>
      </span>
    );
  }
  const agentLink = (
    <Link href={`/agents/${budget.agent!.slug}/costs`} className={linkClasses}>
      {budget.agent!.slug}
    </Link>
  );
  return (
    <span className="flex flex-col gap-0.5">
      {budget.kind === "workflow" ? (
        <span>
          <code className="font-mono text-xs">{budget.workflow}</code> <span className="text-fg-muted">of</span> {agentLink}
        </span>
      ) : (
        agentLink
      )}
      <span className="text-xs text-fg-muted">
        {budget.kind === "workflow" ? "Workflow" : "Agent"} · {budget.team.name}
        {budget.decisionType ? ` · decision type ${budget.decisionType} only` : ""}
      </span>
    </span>
  );
}

function SpendCell({ budget }: { budget: BudgetView }) {
  const lines = formatSpendOf(budget.spent, budget.limit);
  return (
    <div className="flex flex-col gap-1">
      <span className="text-xs whitespace-nowrap tabular-nums" data-testid="budget-spend">
        {lines.join(" · ")}
      </span>
      <BudgetProgress percent={budget.percent} status={budget.status} label={`Spend of the ${budget.label} ${windowLabel[budget.window].toLowerCase()} budget`} />
    </div>
  );
}

function LimitCell({ budget }: { budget: BudgetView }) {
  const extension = budget.extension;
  const extra: string[] = [];
  if (extension && budget.budget.usd !== undefined && extension.usd > 0) extra.push(`+${formatUsd(extension.usd)}`);
  if (extension && budget.budget.tokens !== undefined && extension.tokens > 0) extra.push(`+${formatCount(extension.tokens)} tokens`);
  return (
    <span className="flex flex-col gap-0.5 whitespace-nowrap tabular-nums">
      <span>{formatLimit(budget.budget)}</span>
      {extra.length ? (
        <span className="text-xs text-info-fg" title="Granted by a reviewer for the rest of this window">
          {extra.join(" · ")} extension
        </span>
      ) : null}
    </span>
  );
}

export type BudgetsTableProps = {
  budgets: BudgetView[];
  /** Extra controls per row (e.g. the admin's edit button on department rows). */
  rowAction?: (budget: BudgetView) => ReactNode;
  label?: string;
};

export function BudgetsTable({ budgets, rowAction, label = "Budgets and this window's spend" }: BudgetsTableProps) {
  return (
    <Table label={label} containerClassName="rounded-none border-0">
      <THead>
        <tr>
          <TH>Scope</TH>
          <TH>Window</TH>
          <TH numeric>Limit</TH>
          <TH>Spent this window</TH>
          <TH>Status</TH>
          <TH>Over the limit</TH>
          <TH>Resets</TH>
          {rowAction ? (
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          ) : null}
        </tr>
      </THead>
      <TBody>
        {budgets.map((budget) => {
          const status = statusDisplay[budget.status];
          return (
            <TR key={budget.key} data-budget={budget.label} data-status={budget.status}>
              <TD>
                <BudgetScope budget={budget} />
              </TD>
              <TD>{windowLabel[budget.window]}</TD>
              <TD numeric>
                <LimitCell budget={budget} />
              </TD>
              <TD>
                <SpendCell budget={budget} />
              </TD>
              <TD>
                <Badge tone={status.tone} dot>
                  {status.label}
                </Badge>
              </TD>
              <TD className="whitespace-nowrap">
                {budget.onExceed === "hold" ? "Hold for a reviewer" : "Deny"}
                <span className="block text-xs text-fg-muted">alert at {budget.alertAtPercent}%</span>
              </TD>
              <TD className="whitespace-nowrap">
                <RelativeTime value={budget.resetsAt} allowFuture />
              </TD>
              {rowAction ? <TD className="text-right">{rowAction(budget)}</TD> : null}
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}

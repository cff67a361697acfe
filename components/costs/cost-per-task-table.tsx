"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { Table, TBody, TD, TH, THead, TR, type SortDirection } from "@/components/ui/table";
import type { AgentCostPerTask } from "@/lib/costs/cost-per-task";
import { formatCount, formatUsd } from "@/lib/costs/format";
import { CostAmount } from "./cost-amount";
import { TrendIndicator } from "./trend-indicator";

type SortKey = "slug" | "tasks" | "costUsd" | "costPerTaskUsd" | "tokensPerTask";
type Sort = { key: SortKey; direction: "asc" | "desc" };

const valueOf = (row: AgentCostPerTask, key: SortKey) => (key === "slug" ? row.slug : (row[key] ?? -1));

// Per agent: what a task (trace) costs and how many tokens it takes, and how that moved.
export function CostPerTaskTable({ rows }: { rows: AgentCostPerTask[] }) {
  const [sort, setSort] = useState<Sort>({ key: "costUsd", direction: "desc" });
  const sorted = useMemo(() => {
    const sign = sort.direction === "asc" ? 1 : -1;
    return [...rows].sort((a, b) => {
      const left = valueOf(a, sort.key);
      const right = valueOf(b, sort.key);
      const order = typeof left === "string" ? left.localeCompare(String(right)) : left - Number(right);
      return sign * order || a.slug.localeCompare(b.slug);
    });
  }, [rows, sort]);
  const sortOf = (key: SortKey): SortDirection => (sort.key === key ? sort.direction : "none");
  const toggle = (key: SortKey) =>
    setSort((current) => ({ key, direction: current.key === key ? (current.direction === "asc" ? "desc" : "asc") : key === "slug" ? "asc" : "desc" }));

  return (
    <Table label="Cost per task by agent" containerClassName="rounded-none border-0">
      <THead>
        <tr>
          <TH sort={sortOf("slug")} onSort={() => toggle("slug")}>Agent</TH>
          <TH>Team</TH>
          <TH numeric sort={sortOf("tasks")} onSort={() => toggle("tasks")}>Tasks</TH>
          <TH numeric sort={sortOf("costUsd")} onSort={() => toggle("costUsd")}>Spend</TH>
          <TH numeric sort={sortOf("costPerTaskUsd")} onSort={() => toggle("costPerTaskUsd")}>Cost per task</TH>
          <TH numeric sort={sortOf("tokensPerTask")} onSort={() => toggle("tokensPerTask")}>Tokens per task</TH>
          <TH>Trend vs previous period</TH>
        </tr>
      </THead>
      <TBody>
        {sorted.map((row) => (
          <TR key={row.agentId} data-agent={row.slug}>
            <TD>
              <Link href={`/agents/${row.slug}/costs`} className="font-medium text-accent underline-offset-2 hover:underline" title={row.name}>
                {row.slug}
              </Link>
            </TD>
            <TD className="text-fg-muted">{row.team}</TD>
            <TD numeric>{formatCount(row.tasks)}</TD>
            <TD numeric>
              <CostAmount costUsd={row.costUsd} unpricedSpans={row.unpricedSpans} />
            </TD>
            <TD numeric data-testid="cost-per-task">
              <CostAmount costUsd={row.costPerTaskUsd} unpricedSpans={row.unpricedSpans > 0 && row.costUsd === 0 ? row.unpricedSpans : 0} />
            </TD>
            <TD numeric title={`${formatCount(row.inputTokens)} input + ${formatCount(row.outputTokens)} output tokens in all`}>
              {row.tokensPerTask === null ? "—" : formatCount(row.tokensPerTask)}
            </TD>
            <TD>
              <TrendIndicator
                trend={row.trend}
                what="Cost per task"
                previous={
                  row.previous.costPerTaskUsd === null
                    ? "no tasks"
                    : `${formatUsd(row.previous.costPerTaskUsd)} per task over ${formatCount(row.previous.tasks)} tasks`
                }
              />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

import { db } from "../db/client";
import type { Principal } from "../auth/principal";
import { costScope, inPeriod } from "./cost-scope";
import { toCsv } from "./csv";
import { monthOf, monthRange } from "./period";
import { chargebackQuerySchema } from "./schemas";

export type ChargebackRow = {
  month: string;
  teamId: string;
  team: string;
  tasks: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Spans whose model had no price: their cost is not in costUsd. */
  unpricedSpans: number;
};

export type Chargeback = {
  month: string;
  rows: ChargebackRow[];
  totals: Omit<ChargebackRow, "month" | "teamId" | "team">;
};

// What each department (team) owes for one UTC calendar month: its agents' traces started in the month,
// attributed to the team they were recorded under. Departments without spend are left out.
export async function getChargeback(principal: Principal, rawQuery: unknown = {}, now: Date = new Date()): Promise<Chargeback> {
  const { month = monthOf(now) } = chargebackQuerySchema.parse(rawQuery);
  const scope = await costScope(principal);
  const groups = await db().trace.groupBy({
    by: ["teamId"],
    where: { ...scope.where, ...inPeriod(monthRange(month)) },
    _count: { _all: true },
    _sum: { costUsd: true, inputTokens: true, outputTokens: true, unpricedSpans: true },
  });
  const teams = await db().team.findMany({ where: { id: { in: groups.map((group) => group.teamId) } }, select: { id: true, name: true } });
  const teamName = new Map(teams.map((team) => [team.id, team.name]));
  const rows = groups
    .map((group) => ({
      month,
      teamId: group.teamId,
      team: teamName.get(group.teamId) ?? group.teamId,
      tasks: group._count._all,
      inputTokens: Number(group._sum.inputTokens ?? 0),
      outputTokens: Number(group._sum.outputTokens ?? 0),
      costUsd: Number(group._sum.costUsd ?? 0),
      unpricedSpans: group._sum.unpricedSpans ?? 0,
    }))
    .sort((a, b) => b.costUsd - a.costUsd || a.team.localeCompare(b.team));
  const sum = (pick: (row: ChargebackRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    month,
    rows,
    totals: {
      tasks: sum((row) => row.tasks),
      inputTokens: sum((row) => row.inputTokens),
      outputTokens: sum((row) => row.outputTokens),
      costUsd: sum((row) => row.costUsd),
      unpricedSpans: sum((row) => row.unpricedSpans),
    },
  };
}

export const chargebackCsvHeader = ["month", "team", "tasks", "input_tokens", "output_tokens", "cost_usd", "unpriced_spans"] as const;

// Costs with six decimals (sub-cent task costs add up over a month); no thousands separators.
export function chargebackToCsv(rows: readonly ChargebackRow[]): string {
  return toCsv(
    chargebackCsvHeader,
    rows.map((row) => [row.month, row.team, row.tasks, row.inputTokens, row.outputTokens, row.costUsd.toFixed(6), row.unpricedSpans]),
  );
}

export const chargebackFilename = (month: string) => `chargeback-${month}.csv`;

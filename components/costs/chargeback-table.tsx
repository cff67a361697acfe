import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { Chargeback } from "@/lib/costs/chargeback";
import { formatCount } from "@/lib/costs/format";
import { CostAmount } from "./cost-amount";

// One month's bill per department, with the total of what is shown.
export function ChargebackTable({ chargeback }: { chargeback: Chargeback }) {
  const { rows, totals } = chargeback;
  return (
    <Table label="Monthly chargeback by department" containerClassName="rounded-none border-0">
      <THead>
        <tr>
          <TH>Department (team)</TH>
          <TH numeric>Tasks</TH>
          <TH numeric>Input tokens</TH>
          <TH numeric>Output tokens</TH>
          <TH numeric>Unpriced spans</TH>
          <TH numeric>Cost</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <TR key={row.teamId} data-team={row.team}>
            <TD className="font-medium">{row.team}</TD>
            <TD numeric>{formatCount(row.tasks)}</TD>
            <TD numeric>{formatCount(row.inputTokens)}</TD>
            <TD numeric>{formatCount(row.outputTokens)}</TD>
            <TD numeric className={row.unpricedSpans > 0 ? "text-warn-fg" : "text-fg-muted"}>
              {formatCount(row.unpricedSpans)}
            </TD>
            <TD numeric className="font-medium" data-testid="chargeback-cost">
              <CostAmount costUsd={row.costUsd} unpricedSpans={row.costUsd === 0 ? row.unpricedSpans : 0} />
            </TD>
          </TR>
        ))}
      </TBody>
      <tfoot>
        <tr className="bg-surface-muted font-semibold">
          <TH scope="row" className="text-fg">
            Total
          </TH>
          <TD numeric>{formatCount(totals.tasks)}</TD>
          <TD numeric>{formatCount(totals.inputTokens)}</TD>
          <TD numeric>{formatCount(totals.outputTokens)}</TD>
          <TD numeric>{formatCount(totals.unpricedSpans)}</TD>
          <TD numeric data-testid="chargeback-total">
            <CostAmount costUsd={totals.costUsd} unpricedSpans={totals.costUsd === 0 ? totals.unpricedSpans : 0} />
          </TD>
        </tr>
      </tfoot>
    </Table>
  );
}

import Link from "next/link";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { VersionCost } from "@/lib/costs/cost-per-version";
import { formatCount } from "@/lib/costs/format";
import { CostAmount } from "./cost-amount";

// One agent's period split by the version its tasks ran, newest version first: what a version change
// did to spend and to cost per task. Each version opens its traces.
export function CostPerVersionTable({ agentSlug, rows }: { agentSlug: string; rows: VersionCost[] }) {
  return (
    <Table label="Cost per task by version" containerClassName="rounded-none border-0" data-testid="cost-per-version">
      <THead>
        <tr>
          <TH>Version</TH>
          <TH numeric>Tasks</TH>
          <TH numeric>Spend</TH>
          <TH numeric>Cost per task</TH>
          <TH numeric>Tokens per task</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <TR key={row.version ?? ""} data-version={row.version ?? "unknown"}>
            <TD>
              {row.version ? (
                <Link
                  href={`/agents/${encodeURIComponent(agentSlug)}/traces?version=${encodeURIComponent(row.version)}`}
                  className="font-mono text-xs font-medium text-accent underline-offset-2 hover:underline"
                  title={`Traces of ${row.version}`}
                >
                  {row.version}
                </Link>
              ) : (
                <span className="text-fg-muted" title="Tasks whose agent named no version and whose session was served none">
                  unknown
                </span>
              )}
            </TD>
            <TD numeric>{formatCount(row.tasks)}</TD>
            <TD numeric>
              <CostAmount costUsd={row.costUsd} unpricedSpans={row.unpricedSpans} />
            </TD>
            <TD numeric>
              <CostAmount costUsd={row.costPerTaskUsd} unpricedSpans={row.unpricedSpans > 0 && row.costUsd === 0 ? row.unpricedSpans : 0} />
            </TD>
            <TD numeric title={`${formatCount(row.inputTokens)} input + ${formatCount(row.outputTokens)} output tokens in all`}>
              {row.tokensPerTask === null ? "—" : formatCount(row.tokensPerTask)}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

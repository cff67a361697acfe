import { Activity } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { CompareRunsResult } from "@/lib/versions/schemas";
import { DifferenceCells, directionOf } from "./difference-cells";
import { formatValue, metricName } from "./metric-format";

type Props = { labels: { a: string; b: string }; metrics: CompareRunsResult["metrics"] };

// Live traffic of both versions over the period: each metric on A and B, B − A with its 95% interval.
export function CompareLiveTable({ labels, metrics }: Props) {
  const tasks = metrics.find((metric) => metric.name === "error_rate")?.n ?? { a: 0, b: 0 };
  if (tasks.a === 0 && tasks.b === 0) {
    return (
      <EmptyState
        icon={<Activity />}
        title={`No live traffic of ${labels.a} or ${labels.b} in this period`}
        description="Tasks count once their root span arrives, by the version they ran (evaluation runs are left out). Widen the period, or deploy a version to canary or production to give it traffic."
      />
    );
  }
  return (
    <Table label={`Live traffic, ${labels.a} against ${labels.b}`} data-testid="compare-live">
      <THead>
        <TR>
          <TH>Metric</TH>
          <TH className="text-right">{labels.a} (A)</TH>
          <TH className="text-right">{labels.b} (B)</TH>
          <TH className="text-right">B − A</TH>
          <TH>95% interval</TH>
          <TH>Significance</TH>
          <TH className="text-right">n (A / B)</TH>
        </TR>
      </THead>
      <TBody>
        {metrics.map((metric) => (
          <TR key={metric.name}>
            <TD>{metricName(metric.name)}</TD>
            <TD className="text-right tabular-nums">{formatValue(metric.name, metric.a)}</TD>
            <TD className="text-right tabular-nums">{formatValue(metric.name, metric.b)}</TD>
            <DifferenceCells formatAs={metric.name} compared={metric} direction={directionOf(metric.name)} />
            <TD className="text-right tabular-nums text-fg-muted">
              {metric.n.a.toLocaleString("en-US")} / {metric.n.b.toLocaleString("en-US")}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

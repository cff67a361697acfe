import { Badge, type Tone } from "@/components/ui/badge";
import { TD } from "@/components/ui/table";
import { isSignificant } from "@/lib/versions/compare-statistics";
import { formatDifference } from "./metric-format";

// A compared metric's difference (b − a), its 95% interval, and whether the interval excludes 0, in
// words and colour. Red or green only where the direction has a meaning (more errors is worse, a higher
// pass rate better); for the rest (an outcome's share, steps) a significant change is only flagged.

export type Direction = "higher-is-worse" | "higher-is-better" | "neutral";
type Compared = { difference: number | null; low: number | null; high: number | null };

const worseWhenHigher = new Set(["error_rate", "guard_deny_rate", "guard_hold_rate", "cost_per_task", "latency_per_task"]);

export function directionOf(metric: string): Direction {
  if (worseWhenHigher.has(metric)) return "higher-is-worse";
  if (metric.startsWith("online:")) return "higher-is-better";
  return "neutral";
}

export function significance(compared: Compared, direction: Direction): { tone: Tone; text: string } {
  if (compared.difference === null || compared.low === null || compared.high === null) return { tone: "muted", text: "Not enough data" };
  if (!isSignificant(compared)) return { tone: "muted", text: "Not significant" };
  const higher = compared.low > 0;
  if (direction === "neutral") return { tone: "info", text: higher ? "Significantly higher" : "Significantly lower" };
  const worse = higher === (direction === "higher-is-worse");
  return worse ? { tone: "danger", text: higher ? "Worse: higher" : "Worse: lower" } : { tone: "ok", text: higher ? "Better: higher" : "Better: lower" };
}

/** Three cells: the difference, its interval, and the significance badge (formatAs: the metric whose units apply). */
export function DifferenceCells({ formatAs, compared, direction }: { formatAs: string; compared: Compared; direction: Direction }) {
  const verdict = significance(compared, direction);
  return (
    <>
      <TD className="text-right tabular-nums">{formatDifference(formatAs, compared.difference)}</TD>
      <TD className="tabular-nums whitespace-nowrap">
        {compared.low === null || compared.high === null ? "—" : `${formatDifference(formatAs, compared.low)} to ${formatDifference(formatAs, compared.high)}`}
      </TD>
      <TD>
        <Badge tone={verdict.tone} dot data-testid="significance">
          {verdict.text}
        </Badge>
      </TD>
    </>
  );
}

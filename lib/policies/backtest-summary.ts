import type { BacktestResult } from "./backtest-policy";
import type { backtestKeptReasons } from "./schemas";

// The backtest in words, for the policy editor and every proposal (client-safe: types only from the server side).

type Counts = Pick<BacktestResult, "replayed" | "leftOut" | "changed" | "kept"> & { from: Date | string; to: Date | string };

const count = (value: number) => value.toLocaleString("en-US");
const DAY_MS = 24 * 3600 * 1000;

export const keptReasonText: Record<(typeof backtestKeptReasons)[number], string> = {
  budget: "budget state",
  loop: "loop breaker",
  paused: "agent paused",
  undecided: "Control Room could not decide",
  screening: "screened text is not stored",
  incomplete: "request not stored whole",
};

// "the last 7 days" for the default range; otherwise the number of days it covered.
export function periodText(from: Date | string, to: Date | string): string {
  const days = Math.max(1, Math.round((new Date(to).getTime() - new Date(from).getTime()) / DAY_MS));
  return days === 1 ? "the last day" : `the last ${days} days`;
}

// One line: "Would have changed 37 of 1,204 decisions: 30 allow → hold, 7 allow → deny".
export function backtestHeadline(result: Counts): string {
  if (result.replayed === 0) return `No guard decisions in ${periodText(result.from, result.to)} to replay`;
  const decisions = result.replayed === 1 ? "decision" : "decisions";
  const changedTotal = result.changed.reduce((sum, change) => sum + change.count, 0);
  if (changedTotal === 0) return `No change: all ${count(result.replayed)} ${decisions} of ${periodText(result.from, result.to)} keep their verdict`;
  const pairs = result.changed.map((change) => `${count(change.count)} ${change.from} → ${change.to}`).join(", ");
  return `Would have changed ${count(changedTotal)} of ${count(result.replayed)} ${decisions}: ${pairs}`;
}

// What the headline leaves out and a reader should know before trusting it.
export function backtestCaveats(result: Counts): string[] {
  const caveats: string[] = [];
  const keptTotal = result.kept.reduce((sum, kept) => sum + kept.count, 0);
  if (keptTotal > 0) {
    const why = result.kept.map((kept) => `${keptReasonText[kept.reason]} ${count(kept.count)}`).join(", ");
    caveats.push(`${count(keptTotal)} kept as recorded (${why}): what decided them is not replayed.`);
  }
  if (result.leftOut > 0) caveats.push(`${count(result.leftOut)} newer decisions beyond the first ${count(result.replayed)} were not replayed.`);
  return caveats;
}

import { levelNames } from "@/lib/maturity/criteria";
import type { FleetMaturity } from "@/lib/maturity/schemas";

// Agents per level as labelled bars (the count is written beside each bar, not only drawn).
export function MaturityDistribution({ distribution }: { distribution: FleetMaturity["distribution"] }) {
  const most = Math.max(1, ...distribution.map((row) => row.agents));
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-border bg-surface px-4 py-3" data-testid="maturity-distribution">
      <span className="text-xs font-medium text-fg-muted">Agents per level</span>
      <dl className="flex flex-col gap-1.5">
        {distribution.map((row) => (
          <div key={row.level} className="grid grid-cols-[11.5rem_1fr_2rem] items-center gap-2 text-xs" data-level={row.level}>
            <dt className="whitespace-nowrap text-fg-muted">
              {row.level} · {levelNames[row.level]}
            </dt>
            <div aria-hidden="true" className="h-2 rounded-full bg-muted-soft">
              <div className="h-2 rounded-full bg-accent" style={{ width: `${(row.agents / most) * 100}%` }} />
            </div>
            <dd className="text-right font-semibold tabular-nums text-fg">{row.agents}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

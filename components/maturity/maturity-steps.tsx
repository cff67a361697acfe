import { cn } from "@/components/ui/cn";
import { MATURITY_LEVELS, levelNames, type MaturityLevel } from "@/lib/maturity/criteria";

// The 0–4 ladder: levels reached filled, the current one marked, the next one outlined.
export function MaturitySteps({ level }: { level: MaturityLevel }) {
  return (
    <ol aria-label="Maturity levels" className="grid grid-cols-5 gap-1" data-testid="maturity-steps">
      {MATURITY_LEVELS.map((step) => {
        const reached = step <= level;
        const next = step === level + 1;
        return (
          <li key={step} aria-current={step === level ? "step" : undefined} className="flex flex-col gap-1">
            <span
              aria-hidden="true"
              className={cn("h-1.5 rounded-full", reached ? "bg-ok" : next ? "bg-accent-soft ring-1 ring-accent" : "bg-muted-soft")}
            />
            <span className={cn("text-[11px] leading-tight", step === level ? "font-semibold text-fg" : next ? "font-medium text-accent" : "text-fg-muted")}>
              {step} · {levelNames[step]}
              <span className="sr-only">{reached ? " (reached)" : next ? " (next)" : " (not reached)"}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

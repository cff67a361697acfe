import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { CompareEvals } from "@/components/versions/compare-evals";
import { CompareLiveTable } from "@/components/versions/compare-live-table";
import type { Principal } from "@/lib/auth/principal";
import { isAppError } from "@/lib/errors/app-error";
import { compareVersionRuns } from "@/lib/versions/compare-runs";

// The periods offered for live traffic, kept in ?days= so a comparison can be shared.
export const periodDays = [1, 7, 30] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

type Props = { principal: Principal; slug: string; base: string; head: string; days: number };

// How the two versions did: live traffic over the period and their latest gating runs (A = base, B = head).
export async function CompareRunsSection({ principal, slug, base, head, days }: Props) {
  const now = new Date();
  let result;
  try {
    result = await compareVersionRuns(principal, slug, { a: base, b: head, from: new Date(now.getTime() - days * DAY_MS).toISOString() }, now);
  } catch (error) {
    if (!isAppError(error)) console.error("[control-room] comparing version runs failed", error);
    return <ErrorState title="The runs could not be compared" message={isAppError(error) ? error.message : "Reload the page to try again."} />;
  }
  const labels = { a: base, b: head };
  const periodHref = (value: number) => `/agents/${slug}/versions/compare?${new URLSearchParams({ base, head, days: String(value) })}`;
  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle as="h3">Live traffic</CardTitle>
          <nav aria-label="Period" className="flex items-center gap-2 text-xs">
            {periodDays.map((value) => (
              <Link
                key={value}
                href={periodHref(value)}
                aria-current={value === days ? "page" : undefined}
                className={value === days ? "font-semibold text-fg" : "text-accent underline-offset-2 hover:underline"}
              >
                {value === 1 ? "24 hours" : `${value} days`}
              </Link>
            ))}
          </nav>
        </CardHeader>
        <CardContent className="flex flex-col gap-2">
          <CompareLiveTable labels={labels} metrics={result.metrics} />
          <p className="text-xs text-fg-muted">
            B − A with a 95% interval (Newcombe for rates, Welch for means of cost, latency and steps); an interval that excludes 0 is marked significant. One look at the last{" "}
            {days === 1 ? "24 hours" : `${days} days`}: evaluation runs are left out; deny and hold rates are per guard decision.
          </p>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h3">Evaluation</CardTitle>
        </CardHeader>
        <CardContent>
          <CompareEvals slug={slug} labels={labels} evals={result.evals} />
        </CardContent>
      </Card>
    </>
  );
}

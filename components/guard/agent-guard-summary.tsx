import Link from "next/link";
import { outcomeDisplay } from "@/components/traces/guard-outcome";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { AgentGuardSummary as Summary } from "@/lib/guard/agent-guard-summary";
import type { GuardOutcome } from "@/lib/guard/guard-decision-view";
import { decisionsHref } from "@/lib/guard/decisions-href";

const order: GuardOutcome[] = ["allow", "deny", "pending", "approved", "rejected", "expired"];
// The decision log has the guard's first answer as its verdict filter: every held outcome is a hold.
const verdictOf = { allow: "allow", deny: "deny", pending: "hold", approved: "hold", rejected: "hold", expired: "hold" } as const satisfies Record<GuardOutcome, string>;

// What the guard decided for this agent over the last day, by outcome.
export function AgentGuardSummary({ summary, slug }: { summary: Summary; slug: string }) {
  return (
    <Card aria-labelledby="agent-guard-title" data-testid="agent-guard-summary">
      <CardHeader>
        <div className="flex flex-col gap-0.5">
          <CardTitle id="agent-guard-title">Guard, last 24 h</CardTitle>
          <CardDescription>
            {summary.total === 0
              ? "No guard checks in the last 24 hours. Agents ask POST /api/v1/guard before acting."
              : `${summary.total.toLocaleString("en-US")} decisions by outcome`}
          </CardDescription>
        </div>
        <div className="flex flex-wrap gap-3">
          {summary.counts.pending > 0 ? (
            <Link href={`/approvals?agent=${encodeURIComponent(slug)}`} className="text-xs font-medium text-accent underline-offset-2 hover:underline">
              Approval queue
            </Link>
          ) : null}
          {summary.total > 0 ? (
            <Link href={decisionsHref({ agent: slug, since: summary.since })} className="text-xs font-medium text-accent underline-offset-2 hover:underline">
              All decisions
            </Link>
          ) : null}
        </div>
      </CardHeader>
      {summary.total > 0 ? (
        <CardContent>
          <dl className="grid grid-cols-3 gap-x-4 gap-y-2">
            {order.map((outcome) => {
              const display = outcomeDisplay[outcome];
              const count = summary.counts[outcome];
              return (
                <div key={outcome} className="flex flex-col gap-0.5" data-outcome={outcome}>
                  <dt className="flex items-center gap-1 text-xs font-medium text-fg-muted">
                    <display.icon aria-hidden="true" className={cn("size-3.5", display.iconClass)} />
                    {display.label}
                  </dt>
                  <dd className={cn("text-lg font-semibold tabular-nums", count > 0 && outcome !== "allow" && outcome !== "approved" ? display.iconClass : "text-fg")}>
                    {count > 0 ? (
                      <Link
                        href={decisionsHref({ agent: slug, verdict: verdictOf[outcome], since: summary.since })}
                        className="underline-offset-2 hover:underline"
                        aria-label={`${count.toLocaleString("en-US")} ${display.label.toLowerCase()}: show these decisions`}
                      >
                        {count.toLocaleString("en-US")}
                      </Link>
                    ) : (
                      count.toLocaleString("en-US")
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        </CardContent>
      ) : null}
    </Card>
  );
}

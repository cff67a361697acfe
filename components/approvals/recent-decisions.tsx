"use client";

import { useQuery } from "@tanstack/react-query";
import { History } from "lucide-react";
import Link from "next/link";
import { parseAsString, useQueryState } from "nuqs";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingRows } from "@/components/ui/loading";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { RecentlyDecided } from "@/lib/approvals/list-recently-decided";
import { APPROVAL_QUEUE_REFRESH_MS, approvalQueryKeys, fetchRecentlyDecided } from "@/lib/approvals/queries";

export type RecentDecisionsProps = {
  /** Server-rendered first page; null when the server could not load it (the client retries). */
  initialData: RecentlyDecided[] | null;
  initialDataUpdatedAt: number;
};

// What happened to the holds that left the queue: who approved or rejected them, or that pausing
// (or terminating) the agent denied them.
export function outcomeLabel(decision: Pick<RecentlyDecided, "outcome" | "reason">): { text: string; tone: "ok" | "danger" } {
  if (decision.reason === "agent_paused") return { text: "denied — agent paused", tone: "danger" };
  return decision.outcome === "approved" ? { text: "approved", tone: "ok" } : { text: "rejected", tone: "danger" };
}

export function RecentDecisions({ initialData, initialDataUpdatedAt }: RecentDecisionsProps) {
  const query = useQuery({
    queryKey: approvalQueryKeys.recent,
    queryFn: fetchRecentlyDecided,
    initialData: initialData ?? undefined,
    initialDataUpdatedAt: initialData ? initialDataUpdatedAt : undefined,
    refetchInterval: APPROVAL_QUEUE_REFRESH_MS,
    retry: 1,
  });
  // The queue's agent filter (in the URL) narrows the history too.
  const [agent] = useQueryState("agent", parseAsString.withDefault(""));
  const decisions = query.data?.filter((decision) => !agent || decision.agent.slug === agent);
  const logHref = `/decisions?verdict=hold${agent ? `&agent=${encodeURIComponent(agent)}` : ""}`;

  return (
    <section aria-labelledby="recent-decisions-heading" className="mt-8 flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="recent-decisions-heading" className="scroll-mt-4 text-base font-semibold text-fg">
          Decided in the last 24 hours{agent ? ` · ${agent}` : ""}
        </h2>
        {/* The 20 newest here; the decision log pages through every held action, however old. */}
        <Link href={logHref} className="text-sm text-accent underline-offset-2 hover:underline">
          Every held action in the decision log
        </Link>
      </div>
      {!decisions ? (
        query.isError ? (
          <ErrorState title="Recent decisions unavailable" message={`${query.error.message}. It is retried every few seconds.`} onRetry={() => void query.refetch()} />
        ) : (
          <LoadingRows rows={3} columns={6} label="Loading recent decisions…" />
        )
      ) : decisions.length === 0 ? (
        <EmptyState icon={<History />} title="Nothing was decided in the last 24 hours." description="Approved, rejected and denied held actions are listed here once they leave the queue." />
      ) : (
        <Table label="Held actions decided in the last 24 hours">
          <THead>
            <TR>
              <TH>Agent / session</TH>
              <TH>Wanted to</TH>
              <TH numeric>Amount</TH>
              <TH>Outcome</TH>
              <TH>Decided by</TH>
              <TH>When</TH>
              <TH>Note</TH>
            </TR>
          </THead>
          <TBody>
            {decisions.map((decision) => {
              const label = outcomeLabel(decision);
              return (
                <TR key={decision.decisionId} data-decision-id={decision.decisionId}>
                  <TD>
                    <div className="flex flex-col gap-0.5">
                      <span className="font-medium whitespace-nowrap">{decision.agent.slug}</span>
                      <span className="max-w-40 truncate font-mono text-xs text-fg-muted" title={decision.sessionId}>
                        {decision.sessionId}
                      </span>
                    </div>
                  </TD>
                  <TD>
                    <code className="font-mono text-xs whitespace-nowrap">{decision.tool ?? "an action"}</code>
                  </TD>
                  <TD numeric className="whitespace-nowrap">
                    {decision.amount === null ? <span className="text-fg-muted">—</span> : `${decision.amount.toLocaleString("en-US", { maximumFractionDigits: 2 })} ${decision.currency}`}
                  </TD>
                  <TD>
                    <Badge tone={label.tone} title={decision.message ?? undefined}>
                      {label.text}
                    </Badge>
                  </TD>
                  <TD className="text-xs">{decision.decidedBy ?? <span className="text-fg-muted">system</span>}</TD>
                  <TD>
                    <RelativeTime value={decision.decidedAt} />
                  </TD>
                  <TD className="max-w-64 truncate text-xs text-fg-muted" title={decision.note ?? undefined}>
                    {decision.note ?? "—"}
                  </TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      )}
    </section>
  );
}

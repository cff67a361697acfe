"use client";

import { useQuery } from "@tanstack/react-query";
import { GitCompare, Rocket } from "lucide-react";
import Link from "next/link";
import { rolesWith } from "@/components/auth/who-may";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRows } from "@/components/ui/loading";
import { ErrorState } from "@/components/ui/error-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { StageBadge } from "@/components/versions/stage-badge";
import { VersionLink } from "@/components/versions/version-link";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import { APPROVAL_QUEUE_REFRESH_MS, approvalQueryKeys, fetchProductionRequests, type ProductionRequest } from "@/lib/approvals/queries";
import { DecidePromotionButtons } from "./decide-promotion-buttons";

export type ProductionRequestsProps = {
  /** Server-rendered pending requests of the caller's teams, oldest first; null when they could not be loaded (the client retries). */
  initialData: ProductionRequest[] | null;
  initialDataUpdatedAt: number;
  canDecide: boolean;
};

// Developers' production requests, beside the held actions: a reviewer sees what would go live and
// compares it with production before deciding.
export function ProductionRequests({ initialData, initialDataUpdatedAt, canDecide }: ProductionRequestsProps) {
  const query = useQuery({
    queryKey: approvalQueryKeys.productionRequests,
    queryFn: fetchProductionRequests,
    initialData: initialData ?? undefined,
    initialDataUpdatedAt: initialData ? initialDataUpdatedAt : undefined,
    refetchInterval: APPROVAL_QUEUE_REFRESH_MS,
    retry: 1,
  });
  const requests = query.data ?? null;
  return (
    <section aria-labelledby="production-requests-title" className="mb-8 flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="production-requests-title" className="text-base font-semibold">
          Production requests
        </h2>
        {requests ? <span className="text-xs text-fg-muted">{requests.length === 1 ? "1 request waiting" : `${requests.length} requests waiting`}</span> : null}
      </div>
      {requests && query.isError ? <RefreshFailed error={query.error} /> : null}
      {requests === null ? (
        query.isError ? (
          <ErrorState title="Production requests unavailable" message={`${query.error.message}. It is retried every few seconds.`} onRetry={() => void query.refetch()} />
        ) : (
          <LoadingRows rows={2} columns={6} label="Loading production requests…" />
        )
      ) : requests.length === 0 ? (
        <EmptyState
          icon={<Rocket />}
          title="No production requests are waiting."
          description="When a developer asks for a version in production, the request appears here for a reviewer to approve or reject."
        />
      ) : (
        <>
          {canDecide ? null : (
            <p className="rounded-md border border-info/30 bg-info-soft px-3 py-2 text-sm text-info-fg">Only {rolesWith("versions:approve-production")} decide production requests.</p>
          )}
          <Table label="Production requests waiting for a decision">
            <THead>
              <TR>
                <TH>Agent</TH>
                <TH>Version</TH>
                <TH>Now in</TH>
                <TH>Asked by</TH>
                <TH>Note</TH>
                <TH>
                  <span className="sr-only">Compare</span>
                </TH>
                {canDecide ? (
                  <TH className="text-right">
                    <span className="sr-only">Decision</span>
                  </TH>
                ) : null}
              </TR>
            </THead>
            <TBody>
              {requests.map((request) => (
                <TR key={request.id} data-request-id={request.id} data-testid="production-request">
                  <TD>
                    <Link href={`/agents/${request.agent.slug}/versions`} className="font-medium whitespace-nowrap text-accent underline-offset-2 hover:underline">
                      {request.agent.slug}
                    </Link>
                  </TD>
                  <TD>
                    <span className="flex items-center gap-1.5">
                      <VersionLink slug={request.agent.slug} label={request.label} />
                      {request.ungated ? (
                        <Badge tone="warn" title="No passed evaluation vouches for this version: approving deploys it ungated">
                          ungated
                        </Badge>
                      ) : null}
                    </span>
                  </TD>
                  <TD>
                    <StageBadge stage={request.fromStage} />
                  </TD>
                  <TD>
                    <div className="flex flex-col gap-0.5">
                      <span className="text-xs">{request.requestedBy}</span>
                      <RelativeTime value={request.requestedAt} className="text-xs text-fg-muted" />
                    </div>
                  </TD>
                  <TD>{request.reason ? <span className="line-clamp-3 max-w-sm text-xs">{request.reason}</span> : <span className="text-fg-muted">—</span>}</TD>
                  <TD>
                    <Link
                      href={`/agents/${request.agent.slug}/versions/compare?head=${encodeURIComponent(request.label)}`}
                      className="inline-flex items-center gap-1 text-xs font-medium whitespace-nowrap text-accent underline-offset-2 hover:underline"
                    >
                      <GitCompare aria-hidden="true" className="size-3.5" />
                      Compare with production
                    </Link>
                  </TD>
                  {canDecide ? (
                    <TD>
                      <DecidePromotionButtons requestId={request.id} summary={`${request.agent.slug} ${request.label} to production`} ungated={request.ungated} />
                    </TD>
                  ) : null}
                </TR>
              ))}
            </TBody>
          </Table>
        </>
      )}
    </section>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleCheck } from "lucide-react";
import { useRef, useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { LoadingRows } from "@/components/ui/loading";
import { Table, TBody, TH, THead, TR } from "@/components/ui/table";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import type { HeldDecision } from "@/lib/approvals/list-held";
import { APPROVAL_QUEUE_REFRESH_MS, approvalQueryKeys, fetchApprovals, fetchRecentlyDecided } from "@/lib/approvals/queries";
import { HeldActionRow } from "./held-action-row";
import { QueueFilters, useQueueFilters } from "./queue-filters";
import { outcomeLabel } from "./recent-decisions";
import { rolesWith } from "@/components/auth/who-may";

export type ApprovalQueueProps = {
  /** Server-rendered first page; null when the server could not load it (the client retries). */
  initialData: HeldDecision[] | null;
  initialDataUpdatedAt: number;
  canDecide: boolean;
  canExtendBudgets: boolean;
};

type DisplayRow = { heldDecision: HeldDecision; settledLabel?: string };

// While the reviewer points at (or tabs through, or has a dialog open on) the table, rows keep
// their places: rows that left the queue stay greyed with what happened (this reviewer's decision, or
// the history's: another reviewer, "denied — agent paused"), new ones join at the end.
function stableRows(pinned: HeldDecision[], live: HeldDecision[], outcomes: Map<string, string>): DisplayRow[] {
  const liveIds = new Set(live.map((row) => row.decisionId));
  const pinnedIds = new Set(pinned.map((row) => row.decisionId));
  return [
    ...pinned.map((heldDecision) => ({
      heldDecision,
      settledLabel: liveIds.has(heldDecision.decisionId) ? outcomes.get(heldDecision.decisionId) : (outcomes.get(heldDecision.decisionId) ?? "No longer waiting"),
    })),
    ...live.filter((row) => !pinnedIds.has(row.decisionId)).map((heldDecision) => ({ heldDecision })),
  ];
}

export function ApprovalQueue({ initialData, initialDataUpdatedAt, canDecide, canExtendBudgets }: ApprovalQueueProps) {
  const query = useQuery({
    queryKey: approvalQueryKeys.queue,
    queryFn: fetchApprovals,
    initialData: initialData ?? undefined,
    initialDataUpdatedAt: initialData ? initialDataUpdatedAt : undefined,
    refetchInterval: APPROVAL_QUEUE_REFRESH_MS,
    retry: 1,
  });
  // Shares its cache with the history below the queue (components/approvals/recent-decisions.tsx).
  const recent = useQuery({ queryKey: approvalQueryKeys.recent, queryFn: fetchRecentlyDecided, refetchInterval: APPROVAL_QUEUE_REFRESH_MS, retry: 1 });
  const [pinned, setPinned] = useState<HeldDecision[] | null>(null);
  const [ownOutcomes, setOutcomes] = useState<Map<string, string>>(() => new Map());
  const outcomes = new Map([...(recent.data ?? []).map((decision): [string, string] => [decision.decisionId, outcomeLabel(decision).text]), ...ownOutcomes]);
  const filters = useQueueFilters();
  const pointerInside = useRef(false);
  const dialogOpen = useRef(false);

  const live = query.data;
  const pin = () => setPinned((current) => current ?? live ?? null);
  const releaseUnlessHeld = () => {
    if (pointerInside.current || dialogOpen.current) return;
    setPinned(null);
  };

  if (!live) {
    if (query.isError) {
      return <ErrorState title="Approval queue unavailable" message={`${query.error.message}. It is retried every few seconds.`} onRetry={() => void query.refetch()} />;
    }
    return <LoadingRows rows={4} columns={7} label="Loading the approval queue…" />;
  }

  const allRows: DisplayRow[] = pinned ? stableRows(pinned, live, outcomes) : live.map((heldDecision) => ({ heldDecision, settledLabel: outcomes.get(heldDecision.decisionId) }));
  const rows = allRows.filter(({ heldDecision }) => filters.matches(heldDecision));
  const filtered = Boolean(filters.agent || filters.reason);

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <LiveIndicator updatedAt={query.dataUpdatedAt} isError={query.isError} />
        <span className="text-xs text-fg-muted">
          {live.length === 1 ? "1 action waiting" : `${live.length} actions waiting`}
          {filtered ? ` · ${rows.length} shown` : ""}
          {pinned ? " · rows held still while you point at the table" : ""}
        </span>
      </div>
      {query.isError ? <RefreshFailed error={query.error} /> : null}
      <QueueFilters {...filters} held={live} />
      {canDecide ? null : (
        <p className="rounded-md border border-info/30 bg-info-soft px-3 py-2 text-sm text-info-fg">Only {rolesWith("approvals:decide")} decide held actions.</p>
      )}
      {rows.length === 0 && filtered ? (
        <EmptyState
          icon={<CircleCheck />}
          title="No waiting actions match these filters."
          description={`${live.length === 1 ? "1 action is" : `${live.length} actions are`} waiting in all: clear the filters to see them.`}
        />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<CircleCheck />}
          title="No actions are waiting for a decision."
          description="When a guard policy holds an agent's action for a reviewer, it appears here within a few seconds."
        />
      ) : (
        <div
          onPointerOver={() => {
            pointerInside.current = true;
            pin();
          }}
          onPointerLeave={() => {
            pointerInside.current = false;
            releaseUnlessHeld();
          }}
          onFocus={pin}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) releaseUnlessHeld();
          }}
        >
          <Table label="Held actions waiting for a decision">
            <THead>
              <TR>
                <TH>Agent / session</TH>
                <TH>Wants to</TH>
                <TH numeric>Amount</TH>
                <TH>Why it was held</TH>
                <TH>Requested</TH>
                <TH>Time left</TH>
                {canDecide ? (
                  <TH className="text-right">
                    <span className="sr-only">Decision</span>
                  </TH>
                ) : null}
              </TR>
            </THead>
            <TBody>
              {rows.map(({ heldDecision, settledLabel }) => (
                <HeldActionRow
                  key={heldDecision.decisionId}
                  heldDecision={heldDecision}
                  settledLabel={settledLabel}
                  canDecide={canDecide}
                  canExtendBudgets={canExtendBudgets}
                  onDecided={(decisionId, outcome) => setOutcomes((current) => new Map(current).set(decisionId, outcome))}
                  onDialogOpenChange={(open) => {
                    dialogOpen.current = open;
                    if (open) {
                      pin();
                      return;
                    }
                    // The pointer was last seen in the dialog (a portal): the table re-pins on its next move over it.
                    pointerInside.current = false;
                    releaseUnlessHeld();
                  }}
                />
              ))}
            </TBody>
          </Table>
        </div>
      )}
    </div>
  );
}

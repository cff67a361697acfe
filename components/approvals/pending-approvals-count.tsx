"use client";

import { useQuery } from "@tanstack/react-query";
import { APPROVAL_COUNT_REFRESH_MS, approvalQueryKeys, fetchPendingCount } from "@/lib/approvals/queries";

// The nav badge: sits beside the "Approvals" link (not inside it) so the link's name stays
// "Approvals"; screen readers hear the count through the link's aria-describedby.
export function PendingApprovalsCount({ descriptionId }: { descriptionId: string }) {
  const query = useQuery({
    queryKey: approvalQueryKeys.count,
    queryFn: fetchPendingCount,
    refetchInterval: APPROVAL_COUNT_REFRESH_MS,
    retry: 1,
  });
  const pending = query.data ?? 0;
  return (
    <>
      <span id={descriptionId} className="sr-only">
        {`${pending} pending`}
      </span>
      {pending > 0 ? (
        <span
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded-full bg-warn-soft px-1.5 text-xs font-semibold text-warn-fg tabular-nums"
        >
          {pending > 99 ? "99+" : pending}
        </span>
      ) : null}
    </>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { ALERT_COUNT_REFRESH_MS, alertQueryKeys, fetchOpenAlertCount } from "@/lib/alerts/queries";

// The nav badge beside "Alerts" (outside the link, so its name stays "Alerts"); screen readers hear
// the count through the link's aria-describedby.
export function OpenAlertsCount({ descriptionId }: { descriptionId: string }) {
  const query = useQuery({ queryKey: alertQueryKeys.count, queryFn: fetchOpenAlertCount, refetchInterval: ALERT_COUNT_REFRESH_MS, retry: 1 });
  const open = query.data ?? 0;
  return (
    <>
      <span id={descriptionId} className="sr-only">
        {`${open} open`}
      </span>
      {open > 0 ? (
        <span
          aria-hidden="true"
          data-testid="open-alerts-count"
          className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded-full bg-danger-soft px-1.5 text-xs font-semibold text-danger-fg tabular-nums"
        >
          {open > 99 ? "99+" : open}
        </span>
      ) : null}
    </>
  );
}

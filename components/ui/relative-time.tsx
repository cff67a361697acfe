"use client";

import { format } from "date-fns";
import { relativeText } from "@/lib/text/relative-text";
import { useEffect, useState } from "react";
import { cn } from "./cn";

export type RelativeTimeProps = {
  value: Date | string | number | null | undefined;
  /** Shown when value is null/undefined/invalid, e.g. "never". */
  emptyLabel?: string;
  className?: string;
  /** The value may lie ahead (an expiry, a reset): "in 3 minutes". Otherwise a future value reads "just now". */
  allowFuture?: boolean;
};

// Seconds-old times tick every second (else "4 s, 2 s, 4 s ago" sit side by side, each frozen at its
// own render); older ones change slowly enough for a 30 s refresh.
const freshMs = 60_000;
const fastRefreshMs = 1_000;
const slowRefreshMs = 30_000;

function toDate(value: RelativeTimeProps["value"]): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function RelativeTime({ value, emptyLabel = "—", className, allowFuture = false }: RelativeTimeProps) {
  // Null until mounted: the server and the first client render may disagree on "now" and on the
  // time zone, so the exact local time only appears once we are on the client.
  const [now, setNow] = useState<number | null>(null);
  const date = toDate(value);
  const dateMs = date?.getTime() ?? null;
  const fresh = now !== null && dateMs !== null && Math.abs(now - dateMs) < freshMs;

  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), fresh ? fastRefreshMs : slowRefreshMs);
    return () => clearInterval(timer);
  }, [fresh]);

  if (!date) return <span className={cn("text-fg-muted", className)}>{emptyLabel}</span>;

  const iso = date.toISOString();
  const exact = now === null ? iso : `${format(date, "yyyy-MM-dd HH:mm:ss")} (${iso})`;
  const relative = relativeText(date.getTime(), now ?? Date.now(), allowFuture);

  return (
    <time dateTime={iso} title={exact} className={cn("whitespace-nowrap", className)} suppressHydrationWarning>
      {relative}
    </time>
  );
}

"use client";

import { format, formatDistanceStrict } from "date-fns";
import { useEffect, useState } from "react";
import { cn } from "./cn";

export type RelativeTimeProps = {
  value: Date | string | number | null | undefined;
  /** Shown when value is null/undefined/invalid, e.g. "never". */
  emptyLabel?: string;
  className?: string;
};

const refreshMs = 30_000;

function toDate(value: RelativeTimeProps["value"]): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function RelativeTime({ value, emptyLabel = "—", className }: RelativeTimeProps) {
  // Null until mounted: the server and the first client render may disagree on "now" and on the
  // time zone, so the exact local time only appears once we are on the client.
  const [now, setNow] = useState<number | null>(null);

  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), refreshMs);
    return () => clearInterval(timer);
  }, []);

  const date = toDate(value);
  if (!date) return <span className={cn("text-fg-muted", className)}>{emptyLabel}</span>;

  const iso = date.toISOString();
  const exact = now === null ? iso : `${format(date, "yyyy-MM-dd HH:mm:ss")} (${iso})`;
  // A moment just past can read as the future when the server's clock runs a little ahead of the
  // browser's: anything within a few seconds of now is "just now", never "in 1 second".
  const reference = now ?? Date.now();
  const relative = Math.abs(date.getTime() - reference) < 5_000 ? "just now" : formatDistanceStrict(date, reference, { addSuffix: true });

  return (
    <time dateTime={iso} title={exact} className={cn("whitespace-nowrap", className)} suppressHydrationWarning>
      {relative}
    </time>
  );
}

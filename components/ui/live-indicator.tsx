"use client";

import { useEffect, useState } from "react";
import { cn } from "./cn";

export type LiveIndicatorProps = {
  /** When the data was last refreshed, in ms since the epoch (e.g. TanStack Query's dataUpdatedAt). */
  updatedAt: number;
  /** True when the latest refresh failed: the dot stops pulsing and the text says so. */
  isError?: boolean;
  label?: string;
  className?: string;
};

function ago(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ago`;
}

export function LiveIndicator({ updatedAt, isError = false, label = "Live", className }: LiveIndicatorProps) {
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const text = isError ? `Not updating · last updated ${ago(now - updatedAt)}` : `${label} · updated ${ago(now - updatedAt)}`;

  return (
    <span
      aria-live="off"
      title={new Date(updatedAt).toISOString()}
      className={cn("inline-flex items-center gap-2 text-xs", isError ? "text-danger-fg" : "text-fg-muted", className)}
      suppressHydrationWarning
    >
      <span aria-hidden="true" className="relative flex size-2">
        {isError ? null : <span className="absolute inline-flex size-full animate-pulse-dot rounded-full bg-ok opacity-75" />}
        <span className={cn("relative inline-flex size-2 rounded-full", isError ? "bg-danger" : "bg-ok")} />
      </span>
      <span suppressHydrationWarning>{text}</span>
    </span>
  );
}

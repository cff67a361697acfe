"use client";

import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";

// Counts down to a hold's expiry every second; an expired hold is a deny for the agent.
export function TimeLeft({ expiresAt }: { expiresAt: string | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  if (!expiresAt) return <span className="text-fg-muted">no expiry</span>;
  const leftMs = Date.parse(expiresAt) - now;
  const exact = new Date(expiresAt).toISOString();
  if (leftMs <= 0) {
    return (
      <Badge tone="danger" title={`Expired at ${exact}`}>
        expired
      </Badge>
    );
  }
  return (
    <span title={`Expires at ${exact}`} className={leftMs < 60_000 ? "font-medium text-danger-fg tabular-nums" : "tabular-nums"} suppressHydrationWarning>
      {formatLeft(leftMs)}
    </span>
  );
}

function formatLeft(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

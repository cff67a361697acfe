"use client";

import { RotateCw } from "lucide-react";
import { Button } from "./button";
import { cn } from "./cn";

export type RefreshFailedProps = {
  /** The failed refresh (its message is the server's, from lib/get-json.ts). */
  error: Error;
  /** Offers "Retry now" when given; live views also retry on their own interval. */
  onRetry?: () => void;
  retrying?: boolean;
  className?: string;
};

// Every live view says the same thing when a refresh fails but it still has data to show: what went
// wrong, that what is on screen is the last data received, and (optionally) a way to retry at once.
export function RefreshFailed({ error, onRetry, retrying = false, className }: RefreshFailedProps) {
  return (
    <div role="alert" className={cn("flex flex-wrap items-center gap-2 text-xs text-danger-fg", className)}>
      <span>Could not refresh ({error.message}); showing the last data received. Retrying every few seconds.</span>
      {onRetry ? (
        <Button size="sm" onClick={onRetry} loading={retrying}>
          {retrying ? null : <RotateCw aria-hidden="true" />}
          Retry now
        </Button>
      ) : null}
    </div>
  );
}

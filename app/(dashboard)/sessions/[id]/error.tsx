"use client";

import { ErrorState } from "@/components/ui/error-state";

// Server errors reach the browser without their message (Next hides it); the digest matches the log.
export default function SessionError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <ErrorState
      title="The session could not be loaded"
      message={
        digest
          ? `The server could not load this page (reference ${digest}). Try again in a moment.`
          : "The server could not load this page. Try again in a moment."
      }
      onRetry={retry}
    />
  );
}

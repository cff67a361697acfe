"use client";

import { ErrorState } from "@/components/ui/error-state";

export type RouteErrorProps = { error: unknown; retry: () => void };

// The body of every error.tsx boundary. Server errors reach the browser without their message (Next
// hides it); the digest matches the server log line.
export function RouteError({ title, error, retry }: RouteErrorProps & { title: string }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <ErrorState
      title={title}
      message={
        digest
          ? `The server could not load this page (reference ${digest}). Try again in a moment.`
          : "The server could not load this page. Try again in a moment."
      }
      onRetry={retry}
    />
  );
}

import { RotateCw, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { Button } from "./button";
import { cn } from "./cn";

export type ErrorStateProps = {
  title?: string;
  message?: string;
  /** Retry in place (client components only, e.g. error.tsx's reset or a query's refetch). */
  onRetry?: () => void;
  /** Retry by navigating (usable from server components). */
  retryHref?: string;
  retryLabel?: string;
  className?: string;
};

export function ErrorState({
  title = "Something went wrong",
  message = "The data could not be loaded. Try again in a moment.",
  onRetry,
  retryHref,
  retryLabel = "Try again",
  className,
}: ErrorStateProps) {
  return (
    <div
      role="alert"
      className={cn(
        "flex flex-col items-center justify-center gap-2 rounded-lg border border-danger/40 bg-danger-soft px-6 py-8 text-center",
        className,
      )}
    >
      <TriangleAlert aria-hidden="true" className="size-6 text-danger-fg" />
      <p className="text-sm font-semibold text-danger-fg">{title}</p>
      <p className="max-w-md text-sm text-fg">{message}</p>
      {onRetry ? (
        <Button className="mt-2" size="sm" onClick={onRetry}>
          <RotateCw aria-hidden="true" />
          {retryLabel}
        </Button>
      ) : retryHref ? (
        <Button asChild className="mt-2" size="sm">
          <Link href={retryHref}>
            <RotateCw aria-hidden="true" />
            {retryLabel}
          </Link>
        </Button>
      ) : null}
    </div>
  );
}

import { ErrorState } from "@/components/ui/error-state";
import type { AppError } from "@/lib/errors/app-error";

// Why the list could not be shown, in the words a person can act on.
export function TraceListFailure({ failure, clearHref, retryHref }: { failure: AppError; clearHref: string; retryHref: string }) {
  switch (failure.code) {
    case "validation_failed":
      return <ErrorState title="These filters are not valid" message={failure.message} retryHref={clearHref} retryLabel="Clear filters" />;
    case "forbidden":
      return <ErrorState title="You cannot see these traces" message={`403 · ${failure.message}`} retryHref={clearHref} retryLabel="Clear filters" />;
    case "not_found":
      return <ErrorState title="Nothing to filter by" message={`${failure.message}. It may have been renamed or removed.`} retryHref={clearHref} retryLabel="Clear filters" />;
    default:
      return <ErrorState title="Traces could not be loaded" message={failure.message} retryHref={retryHref} />;
  }
}

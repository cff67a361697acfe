import { ChevronLeft } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { toAppError } from "@/lib/http/error-response";

export function BackToTraces() {
  return (
    <Button asChild variant="ghost">
      <Link href="/traces">
        <ChevronLeft aria-hidden="true" />
        All traces
      </Link>
    </Button>
  );
}

type UnavailableProps = { error: unknown; heading: string; retryHref: string; title: string };

// A trace or session that could not be loaded (a failure, not a missing one: those answer 404 through
// notFound() and the segment's not-found.tsx), inside the app shell.
export function Unavailable({ error, heading, retryHref, title }: UnavailableProps) {
  return (
    <>
      <PageHeader title={heading} actions={<BackToTraces />} />
      <ErrorState title={title} message={toAppError(error).message} retryHref={retryHref} retryLabel="Check again" />
    </>
  );
}

// Missing or another team's (lib answers both as not_found), or an id that cannot exist.
export const isMissing = (error: unknown) => ["not_found", "validation_failed"].includes(toAppError(error).code);

// What the not-found.tsx of a trace or a session says, with a way back and a way to look again.
export function NotFoundHere({ heading, title, message }: { heading: string; title: string; message: string }) {
  return (
    <>
      <PageHeader title={heading} actions={<BackToTraces />} />
      <ErrorState title={title} message={`404 · ${message}`} />
    </>
  );
}

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

type UnavailableProps = {
  error: unknown;
  heading: string;
  retryHref: string;
  notFound: [title: string, message: string];
  otherTitle: string;
};

// A trace or session that cannot be shown, inside the app shell (notFound() would nest the root 404
// page's <main> in the shell's): missing (which is also how another team's answers), or a failure.
export function Unavailable({ error, heading, retryHref, notFound, otherTitle }: UnavailableProps) {
  const failure = toAppError(error);
  const [title, message] =
    failure.code === "not_found" || failure.code === "validation_failed"
      ? notFound
      : [otherTitle, failure.message];
  return (
    <>
      <PageHeader title={heading} actions={<BackToTraces />} />
      <ErrorState title={title} message={message} retryHref={retryHref} retryLabel="Check again" />
    </>
  );
}

import Link from "next/link";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Not found" };

// What notFound() renders inside the app shell, answered with 404 (the root app/not-found.tsx is for
// addresses outside the dashboard, and has its own <main>).
export default function DashboardNotFound() {
  return (
    <>
      <PageHeader title="Not found" />
      <ErrorState
        title="There is nothing at this address"
        message="404 · It may have been mistyped, removed, belong to a team you are not in, or the link is out of date."
      />
      <p className="mt-3 text-sm">
        <Link href="/" className="font-medium text-accent underline-offset-2 hover:underline">
          Back to the overview
        </Link>
      </p>
    </>
  );
}

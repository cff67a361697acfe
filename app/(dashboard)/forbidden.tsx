import Link from "next/link";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { getPrincipal } from "@/lib/auth/session";
import { roleLabels } from "@/lib/auth/roles";

export const metadata = { title: "Not allowed" };

// What forbidden() renders inside the app shell, answered with 403: a page this role may not use,
// or an agent of a team the user is not in.
export default async function DashboardForbidden() {
  const principal = await getPrincipal();
  const signedInAs = principal ? `You are signed in as ${roleLabels[principal.role]}. ` : "";
  return (
    <>
      <PageHeader title="Not allowed" />
      <ErrorState
        title="Your role cannot open this page"
        message={`403 · ${signedInAs}Pages of other teams' agents, and pages for other roles, are not shown. Ask an admin if you need a different role or team.`}
      />
      <BackToOverview />
    </>
  );
}

function BackToOverview() {
  return (
    <p className="mt-3 text-sm">
      <Link href="/" className="font-medium text-accent underline-offset-2 hover:underline">
        Back to the overview
      </Link>
    </p>
  );
}

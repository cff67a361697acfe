import { GitBranch, Plus } from "lucide-react";
import Link from "next/link";
import { rolesWith } from "@/components/auth/who-may";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ComparePicker } from "@/components/versions/compare-picker";
import { DeploymentTimeline } from "@/components/versions/deployment-timeline";
import { LiveVersions } from "@/components/versions/live-versions";
import { VersionsTable } from "@/components/versions/versions-table";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { listDeployments, listVersions } from "@/lib/versions/list-versions";

export const metadata = { title: "Versions" };

type VersionsPageProps = { params: Promise<{ slug: string }> };

// What is live, every version, two to compare, and the deployment timeline.
export default async function AgentVersionsPage({ params }: VersionsPageProps) {
  const principal = await requirePrincipal();
  const { slug } = await params;
  // The layout already refused a missing agent or another team's; anything else is a real failure.
  const [versions, events] = await Promise.all([listVersions(principal, slug), listDeployments(principal, slug)]);
  const canCreate = roleCan(principal.role, "versions:create");
  const newButton = canCreate ? (
    <Button asChild variant="primary">
      <Link href={`/agents/${slug}/versions/new`}>
        <Plus aria-hidden="true" />
        New version
      </Link>
    </Button>
  ) : null;

  if (versions.length === 0) {
    return (
      <section aria-label="Versions">
        <h2 className="sr-only">Versions</h2>
        <EmptyState
          icon={<GitBranch />}
          title="No versions yet"
          description={
            <>
              A version bundles the prompt, model and parameters, knowledge base, tools and policy the agent runs.{" "}
              {canCreate ? "Create the first one, move it to staging, then ask for production." : `Ask ${rolesWith("versions:create")} of the team to create the first one.`} The agent
              fetches the version it must run from <code className="font-mono text-xs">GET /api/v1/agents/self/config</code>.
            </>
          }
          action={newButton}
        />
      </section>
    );
  }

  const production = versions.find((version) => version.stage === "production") ?? null;
  const canary = versions.find((version) => version.stage === "canary") ?? null;
  return (
    <section aria-label="Versions" className="flex flex-col gap-6">
      <h2 className="sr-only">Versions</h2>
      <LiveVersions slug={slug} production={production} canary={canary} />
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h3 className="text-sm font-semibold">All versions ({versions.length})</h3>
          <div className="flex flex-wrap items-end gap-3">
            {versions.length > 1 ? <ComparePicker slug={slug} labels={versions.map((version) => version.label)} base={production && production.label !== versions[0].label ? production.label : versions[1].label} /> : null}
            {newButton}
          </div>
        </div>
        <VersionsTable slug={slug} versions={versions} />
      </div>
      <section aria-labelledby="deployment-timeline-title" className="flex flex-col gap-2">
        <h3 id="deployment-timeline-title" className="text-sm font-semibold">
          Deployment timeline
        </h3>
        <DeploymentTimeline slug={slug} events={events} />
      </section>
    </section>
  );
}

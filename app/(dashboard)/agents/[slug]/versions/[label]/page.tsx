import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { rolesWith } from "@/components/auth/who-may";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { StageBadge, UngatedBadge } from "@/components/versions/stage-badge";
import { VersionActions } from "@/components/versions/version-actions";
import { VersionBundleView } from "@/components/versions/version-bundle";
import { GateStatusLine } from "@/components/evals/gate-status-line";
import { gateStatus } from "@/lib/evals/runs/gate-status";
import { getAgent } from "@/lib/agents/get-agent";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors/app-error";
import { listPromotions } from "@/lib/versions/list-promotions";
import { getVersion } from "@/lib/versions/list-versions";
import { versionLabelSchema } from "@/lib/versions/schemas";

type VersionPageProps = { params: Promise<{ slug: string; label: string }> };

export async function generateMetadata({ params }: VersionPageProps) {
  const { slug, label } = await params;
  return { title: `${decodeURIComponent(label)} · ${slug}` };
}

// One version's whole bundle and the moves the viewer's role allows.
export default async function VersionPage({ params }: VersionPageProps) {
  const principal = await requirePrincipal();
  const { slug, label: rawLabel } = await params;
  const label = decodeURIComponent(rawLabel);
  if (!versionLabelSchema.safeParse(label).success) notFound();
  const agent = await getAgent(principal, slug);
  const version = await getVersion(principal, slug, label).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const [promotions, gate] = await Promise.all([listPromotions(principal, { status: "pending", agent: slug }), gateStatus(principal, slug, version.label)]);
  const pending = promotions.find((promotion) => promotion.label === version.label);

  return (
    <section aria-labelledby="version-title" className="flex flex-col gap-4">
      <Link href={`/agents/${slug}/versions`} className="inline-flex items-center gap-1 self-start text-xs font-medium text-accent underline-offset-2 hover:underline">
        <ArrowLeft aria-hidden="true" className="size-3.5" />
        All versions
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="version-title" className="font-mono text-lg font-semibold">
          {version.label}
        </h2>
        <StageBadge stage={version.stage} />
        {version.trafficPercent > 0 ? <span className="text-sm text-fg-muted">{version.trafficPercent}% of sessions</span> : null}
        {version.ungated && (version.stage === "production" || version.stage === "canary") ? <UngatedBadge /> : null}
      </div>
      <p className="text-sm">
        <span className="font-medium">{version.message}</span>
        <span className="text-fg-muted">
          {" "}
          — {version.createdBy}, <RelativeTime value={version.createdAt} />; in {version.stage} since <RelativeTime value={version.stageChangedAt} />
        </span>
      </p>
      {pending ? (
        <p className="rounded-md border border-warn/30 bg-warn-soft px-3 py-2 text-sm text-warn-fg" data-testid="pending-request">
          {pending.requestedBy} asked for production <RelativeTime value={pending.requestedAt} />: waiting for {rolesWith("versions:approve-production")} on the{" "}
          <Link href="/approvals" className="font-medium underline">
            Approvals
          </Link>{" "}
          page.
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <VersionBundleView version={version} />
        <Card className="self-start">
          <CardHeader>
            <CardTitle as="h3">Stage</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            <GateStatusLine slug={slug} status={gate} />
            <VersionActions
              slug={slug}
              label={version.label}
              stage={version.stage}
              production={agent.productionVersion}
              canary={agent.canary}
              can={{
                promote: roleCan(principal.role, "versions:promote"),
                requestProduction: roleCan(principal.role, "versions:request-production"),
                deploy: roleCan(principal.role, "versions:deploy"),
              }}
              movers={rolesWith("versions:promote")}
              approvers={rolesWith("versions:approve-production")}
              requested={Boolean(pending)}
              gate={!gate.suite ? "none" : gate.run?.status === "passed" ? "passed" : "failed"}
            />
          </CardContent>
        </Card>
      </div>
    </section>
  );
}

import { ArrowLeft, GitCompare } from "lucide-react";
import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { ChangeList } from "@/components/versions/change-list";
import { ComparePicker } from "@/components/versions/compare-picker";
import { PromptDiff } from "@/components/versions/prompt-diff";
import { StageBadge } from "@/components/versions/stage-badge";
import { VersionLink } from "@/components/versions/version-link";
import { requirePrincipal } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors/app-error";
import { compareVersions, listVersions } from "@/lib/versions/list-versions";
import type { VersionBundle } from "@/lib/versions/version-view";
import { CompareRunsSection, periodDays } from "./compare-runs-section";

export const metadata = { title: "Compare versions" };

type ComparePageProps = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const days = (value: string | undefined) => periodDays.find((offered) => String(offered) === value) ?? 7;

// Two versions side by side (?base=v3&head=v4): how they did on live traffic (?days=) and in their
// gating runs, the prompt's line diff and every other change called out. Without a pair, production
// (or the second newest) against the newest.
export default async function CompareVersionsPage({ params, searchParams }: ComparePageProps) {
  const principal = await requirePrincipal();
  const { slug } = await params;
  const query = await searchParams;
  const versions = await listVersions(principal, slug);
  const back = (
    <Link href={`/agents/${slug}/versions`} className="inline-flex items-center gap-1 self-start text-xs font-medium text-accent underline-offset-2 hover:underline">
      <ArrowLeft aria-hidden="true" className="size-3.5" />
      All versions
    </Link>
  );
  if (versions.length < 2) {
    return (
      <section aria-label="Compare versions" className="flex flex-col gap-3">
        <h2 className="sr-only">Compare versions</h2>
        {back}
        <EmptyState icon={<GitCompare />} title="Nothing to compare yet" description="Comparing needs two versions of this agent: create another one on the Versions tab." />
      </section>
    );
  }
  const labels = versions.map((version) => version.label);
  const production = versions.find((version) => version.stage === "production")?.label;
  const head = one(query.head) ?? labels[0];
  const base = one(query.base) ?? (production && production !== head ? production : labels.find((label) => label !== head)!);

  let result;
  try {
    result = await compareVersions(principal, slug, base, head);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return (
      <section aria-label="Compare versions" className="flex flex-col gap-3">
        <h2 className="sr-only">Compare versions</h2>
        {back}
        <ComparePicker slug={slug} labels={labels} base={labels.includes(base) ? base : undefined} head={labels.includes(head) ? head : undefined} />
        <ErrorState title="Cannot compare these versions" message={`${error.message}. Pick two of ${labels.join(", ")}.`} />
      </section>
    );
  }

  return (
    <section aria-labelledby="compare-title" className="flex flex-col gap-4">
      {back}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="compare-title" className="text-base font-semibold">
          {result.base.label} → {result.head.label}
        </h2>
        <ComparePicker slug={slug} labels={labels} base={result.base.label} head={result.head.label} />
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <Side title="Base" slug={slug} version={result.base} />
        <Side title="Head" slug={slug} version={result.head} />
      </div>
      <CompareRunsSection principal={principal} slug={slug} base={result.base.label} head={result.head.label} days={days(one(query.days))} />
      <Card>
        <CardHeader>
          <CardTitle as="h3">What else changed</CardTitle>
        </CardHeader>
        <CardContent>
          <ChangeList changes={result.changes} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h3">System prompt</CardTitle>
          <span className="text-xs text-fg-muted">
            <span aria-hidden="true">- </span>only in {result.base.label} · <span aria-hidden="true">+ </span>only in {result.head.label}
          </span>
        </CardHeader>
        <CardContent>
          <PromptDiff lines={result.changes.prompt} />
        </CardContent>
      </Card>
    </section>
  );
}

function Side({ title, slug, version }: { title: string; slug: string; version: VersionBundle }) {
  return (
    <Card data-testid={`compare-${title.toLowerCase()}`}>
      <CardHeader>
        <CardTitle as="h3">
          {title}: <VersionLink slug={slug} label={version.label} />
        </CardTitle>
        <StageBadge stage={version.stage} />
      </CardHeader>
      <CardContent className="flex flex-col gap-1 text-sm">
        <p>{version.message}</p>
        <p className="text-xs text-fg-muted">
          {version.createdBy}, <RelativeTime value={version.createdAt} /> · <span className="font-mono">{version.model}</span>
          {version.knowledgeBase ? (
            <>
              {" "}
              · KB <span className="font-mono">{version.knowledgeBase.id} @ {version.knowledgeBase.version}</span>
            </>
          ) : null}
          {" "}· {version.tools.length} tools · policy <span className="font-mono">{version.policyVersion ?? "none"}</span>
        </p>
      </CardContent>
    </Card>
  );
}

import { requirePagePermission } from "@/components/auth/page-gate";
import { VersionForm } from "@/components/versions/version-form";
import { valuesFrom } from "@/components/versions/version-form-values";
import { requirePrincipal } from "@/lib/auth/session";
import { getVersion, listVersions } from "@/lib/versions/list-versions";

export const metadata = { title: "New version" };

type NewVersionPageProps = { params: Promise<{ slug: string }> };

export default async function NewVersionPage({ params }: NewVersionPageProps) {
  const principal = await requirePrincipal();
  const { slug } = await params;
  // Only decides what to render: createVersion enforces versions:create and the team itself.
  requirePagePermission(principal, "versions:create");
  const versions = await listVersions(principal, slug);
  const source = versions.find((version) => version.stage === "production") ?? versions[0] ?? null;
  const bundle = source ? await getVersion(principal, slug, source.label) : null;
  return (
    <section aria-labelledby="new-version-title" className="flex flex-col gap-3">
      <div className="flex flex-col gap-0.5">
        <h2 id="new-version-title" className="text-base font-semibold">
          New version
        </h2>
        <p className="text-sm text-fg-muted">
          It starts in development, labelled v{(versions.length ? Math.max(...versions.map((version) => Number(version.label.slice(1)))) : 0) + 1}{" "}
          unless someone else creates one first. Nothing the agent runs changes until it is promoted.
        </p>
      </div>
      <VersionForm slug={slug} initial={valuesFrom(bundle)} prefilledFrom={bundle ? `${bundle.label}${bundle.stage === "production" ? " (production)" : " (the newest version)"}` : null} />
    </section>
  );
}

import Link from "next/link";
import { versionHref } from "./version-link";

export type DeployedVersionsProps = {
  slug: string;
  productionVersion: string | null;
  canary: { label: string; percent: number } | null;
  /** Link each label to its version page. */
  linked?: boolean;
};

// "v4 · canary v5 10%": what an agent serves, in one line, for tables.
export function DeployedVersions({ slug, productionVersion, canary, linked = false }: DeployedVersionsProps) {
  if (!productionVersion && !canary) {
    return (
      <>
        <span aria-hidden="true" className="text-fg-muted">
          —
        </span>
        <span className="sr-only">None</span>
      </>
    );
  }
  const label = (text: string) =>
    linked ? (
      <Link href={versionHref(slug, text)} className="text-accent underline-offset-2 hover:underline">
        {text}
      </Link>
    ) : (
      text
    );
  return (
    <span className="font-mono text-xs whitespace-nowrap" data-testid="deployed-versions">
      {productionVersion ? label(productionVersion) : <span className="text-fg-muted">none</span>}
      {canary ? (
        <span className="text-warn-fg">
          {" · canary "}
          {label(canary.label)} {canary.percent}%
        </span>
      ) : null}
    </span>
  );
}
